// The 10,000-path ChannelAttribution data set (GPL-3, read here only) against its reference outputs.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { attribute, journeysFromPaths, markovRemovalEffects, type Model } from "../../worker/core/attribution/index";
import { journeyTableOf } from "../../worker/core/attribution/journey-table";
import { markovChainOf } from "../../worker/core/attribution/markov-chain";

const DIR = path.resolve(import.meta.dirname, "../fixtures/attribution/pathdata");
const ORACLES = JSON.parse(fs.readFileSync(path.resolve(DIR, "../attribution_oracles.json"), "utf8"));

/** Rows of a CSV with a header and no embedded separators; quotes stripped. */
function csvRows(file: string, separator = ","): Record<string, string>[] {
  const [header, ...lines] = fs.readFileSync(path.join(DIR, file), "utf8").trim().split("\n");
  const names = header!.split(separator).map((h) => h.replaceAll('"', "").trim());
  return lines.map((line) =>
    Object.fromEntries(line.split(separator).map((cell, i) => [names[i]!, cell.replaceAll('"', "").trim()])),
  );
}

const journeys = journeysFromPaths(
  csvRows("Data.csv", ";").map((r) => ({
    path: r.path!,
    conversions: Number(r.total_conversions),
    value: Number(r.total_conversion_value),
    nulls: Number(r.total_null),
  })),
);

function expectRelative(got: number | undefined, want: number, tolerance: number, label: string) {
  expect(got, label).toBeDefined();
  expect(Math.abs(got! - want) / Math.abs(want), label).toBeLessThanOrEqual(tolerance);
}

describe("PathData totals", () => {
  it("reads the totals the oracle file states", () => {
    const totals = ORACLES.pathdata_full.totals;
    const result = attribute(journeys, "first_touch");
    expect(journeys).toHaveLength(totals.paths);
    expect(result.total_conversions).toBe(totals.conversions);
    expect(Math.abs(result.total_value - totals.conversion_value)).toBeLessThanOrEqual(0.0005); // printed to 3 decimals
    expect(journeys.reduce((sum, j) => sum + j.nulls, 0)).toBe(totals.null);
  });
});

describe("PathData heuristics equal heuristic_models.csv", () => {
  const reference = csvRows("reference-outputs/heuristic_models.csv");
  const models: [Model, string][] = [
    ["first_touch", "first_touch"],
    ["last_touch", "last_touch"],
    ["linear", "linear_touch"],
  ];
  it.each(models)("%s", (model, column) => {
    const rows = new Map(attribute(journeys, model).rows.map((r) => [r.key, r]));
    expect(rows.size).toBe(reference.length);
    for (const ref of reference) {
      const row = rows.get(ref.channel_name!);
      expectRelative(row?.conversions, Number(ref[`${column}_conversions`]), 1e-9, `${ref.channel_name} conversions`);
      expectRelative(row?.value, Number(ref[`${column}_value`]), 1e-9, `${ref.channel_name} value`);
    }
  });
});

describe("PathData Markov equals markov_order1_exact.csv", () => {
  const reference = csvRows("reference-outputs/markov_order1_exact.csv");
  it.each(["dense", "iterative"] as const)("removal effects and conversions, %s solver", (markovSolver) => {
    const effects = markovRemovalEffects(journeys, { markovSolver });
    const rows = new Map(attribute(journeys, "markov", { markovSolver }).rows.map((r) => [r.key, r]));
    for (const ref of reference) {
      const key = ref.channel_name!;
      expectRelative(effects.get(key), Number(ref.removal_effect_exact), 1e-6, `${key} removal effect`);
      expectRelative(rows.get(key)?.conversions, Number(ref.total_conversions_exact), 1e-6, `${key} conversions`);
    }
  });

  it("builds the reference transition matrix: consecutive repeats collapsed, no self-loops", () => {
    // Channel ids 1..12 of the reference matrix, as listed in attribution_oracles.json (pathdata_full.see).
    const names = ["eta", "iota", "alpha", "beta", "theta", "lambda", "kappa", "zeta", "epsilon", "gamma", "delta", "mi"];
    const table = journeyTableOf(journeys);
    const chain = markovChainOf(table);
    const id = (ref: string) => table.keys.indexOf(names[Number(ref) - 1]!);
    const ours = new Map<string, number>();
    table.keys.forEach((_key, k) => {
      if (chain.start[k]! > 0) ours.set(`(start)->${k}`, chain.start[k]!);
      if (chain.toConversion[k]! > 0) ours.set(`${k}->(conversion)`, chain.toConversion[k]!);
      if (chain.toNull[k]! > 0) ours.set(`${k}->(null)`, chain.toNull[k]!);
    });
    chain.edgeFrom.forEach((from, e) => ours.set(`${from}->${chain.edgeTo[e]}`, chain.edgeProbability[e]!));
    const reference = csvRows("reference-outputs/markov_order1_transition_matrix.csv");
    for (const ref of reference) {
      const from = ref.channel_from === "(start)" ? "(start)" : String(id(ref.channel_from!));
      const to = ref.channel_to!.startsWith("(") ? ref.channel_to! : String(id(ref.channel_to!));
      expectRelative(ours.get(`${from}->${to}`), Number(ref.transition_probability), 1e-9, `${from}->${to}`);
    }
    expect(ours.size).toBe(reference.length);
  });
});
