// Attribution models against the published and exact oracle values in test/fixtures/attribution.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  attribute,
  coalitionsInTableOrder,
  journeysFromPaths,
  markovRemovalEffects,
  shapleyValuesOf,
  type AttributionResult,
  type Journey,
  type Model,
} from "../../worker/core/attribution/index";

const ORACLES = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, "../fixtures/attribution/attribution_oracles.json"), "utf8"),
);

interface OraclePath {
  path: string;
  conv: number;
  null?: number;
  value?: number;
}
type Expected = Record<string, number>;

function journeysOfOracle(input: OraclePath[]): Journey[] {
  return journeysFromPaths(
    input.map((p) => ({ path: p.path, conversions: p.conv, value: p.value ?? 0, nulls: p.null ?? 0 })),
  );
}

/** Oracles printed with more than 4 decimals are rounded: allow half a unit in the last printed digit. */
function toleranceOf(printed: number): number {
  const decimals = (String(printed).split(".")[1] ?? "").length;
  return decimals > 4 ? 0.5 * 10 ** -decimals + 1e-12 : 1e-9;
}

function expectCredits(result: AttributionResult, expected: Expected, field: "conversions" | "value" = "conversions") {
  const got = new Map(result.rows.map((row) => [row.key, row[field]]));
  for (const [key, want] of Object.entries(expected)) {
    expect(Math.abs((got.get(key) ?? 0) - want), `${result.model} ${field} of ${key}`).toBeLessThanOrEqual(
      toleranceOf(want),
    );
  }
  for (const [key, value] of got) if (!(key in expected)) expect(value, `${key} is not credited`).toBe(0);
}

describe("markov oracles (exact absorbing-chain values)", () => {
  it.each(["markov_small_3paths", "markov_repeats_and_loops"])("%s: removal effects and credits", (name) => {
    const oracle = ORACLES[name];
    const journeys = journeysOfOracle(oracle.input);
    const effects = markovRemovalEffects(journeys);
    for (const [key, want] of Object.entries(oracle.removal_effect_exact as Expected)) {
      expect(Math.abs(effects.get(key)! - want)).toBeLessThanOrEqual(1e-9);
    }
    expectCredits(attribute(journeys, "markov"), oracle.attributed_conversions_exact);
  });

  it("credits value with the conversion weights (repeats and loops)", () => {
    const oracle = ORACLES.markov_repeats_and_loops;
    const exact = oracle.attributed_conversions_exact as Expected;
    const valuePerConversion = 15 / 3; // inputs: values 10 + 5 over conversions 2 + 1
    const expectedValue = Object.fromEntries(Object.entries(exact).map(([k, v]) => [k, v * valuePerConversion]));
    expectCredits(attribute(journeysOfOracle(oracle.input), "markov"), expectedValue, "value");
  });

  it("solves the same with the iterative solver", () => {
    const oracle = ORACLES.markov_repeats_and_loops;
    const effects = markovRemovalEffects(journeysOfOracle(oracle.input), { markovSolver: "iterative" });
    for (const [key, want] of Object.entries(oracle.removal_effect_exact as Expected)) {
      expect(Math.abs(effects.get(key)! - want)).toBeLessThanOrEqual(1e-9);
    }
  });
});

describe("heuristic oracles from the ChannelAttribution reference runs", () => {
  const cases: [string, Model, string, "conversions" | "value"][] = [
    ["markov_small_3paths", "first_touch", "first_touch", "conversions"],
    ["markov_small_3paths", "last_touch", "last_touch", "conversions"],
    ["markov_small_3paths", "linear", "linear", "conversions"],
    ["markov_repeats_and_loops", "first_touch", "first_touch_conv", "conversions"],
    ["markov_repeats_and_loops", "last_touch", "last_touch_conv", "conversions"],
    ["markov_repeats_and_loops", "linear", "linear_conv", "conversions"],
    ["markov_repeats_and_loops", "first_touch", "first_touch_value", "value"],
    ["markov_repeats_and_loops", "last_touch", "last_touch_value", "value"],
    ["markov_repeats_and_loops", "linear", "linear_value", "value"],
  ];
  it.each(cases)("%s: %s matches %s", (name, model, field, kind) => {
    const oracle = ORACLES[name];
    const expected = { ...oracle.heuristics_reference_run[field] } as Expected;
    expectCredits(attribute(journeysOfOracle(oracle.input), model), expected, kind);
  });
});

describe("eeghor/mta published heuristics", () => {
  const fixture = ORACLES.heuristics_mta_fixture;
  const cases: [Model, string][] = [
    ["first_touch", "first_touch"],
    ["last_touch", "last_touch"],
    ["linear", "linear_equal_share"],
    ["position_based", "position_based_40_20_40"],
  ];
  it.each(cases)("%s matches %s", (model, field) => {
    expectCredits(attribute(journeysOfOracle(fixture.input), model), fixture[field]);
  });

  it("linear counts every repeated touch", () => {
    const { input, expected } = fixture.linear_counts_repeats;
    expectCredits(attribute(journeysOfOracle(input), "linear"), expected);
  });

  it("position based splits two touches 50/50", () => {
    const { input } = fixture.position_based_two_touch;
    expectCredits(attribute(journeysOfOracle(input), "position_based"), fixture.position_based_two_touch["40/40"]);
  });
});

describe("shapley oracles", () => {
  const mtaCases = ORACLES.shapley_mta_published.cases as { input: OraclePath[]; expected: Expected }[];
  it.each(mtaCases.map((c, i) => [i, c] as const))("mta published case %i", (_i, c) => {
    expectCredits(attribute(journeysOfOracle(c.input), "shapley"), c.expected);
  });

  const games = ORACLES.shapley_generic_published.cases as { source: string; v: number[]; expected: number[] }[];
  it.each(games.map((g) => [g.source, g]))("generic game: %s", (_source, game) => {
    const { v, expected } = game as { v: number[]; expected: number[] };
    const players = expected.length;
    const order = coalitionsInTableOrder(players);
    const worth = new Map(order.map((mask, i) => [mask, v[i]!]));
    const phi = shapleyValuesOf(players, (mask) => worth.get(mask) ?? 0);
    phi.forEach((value, i) => expect(Math.abs(value - expected[i]!)).toBeLessThanOrEqual(toleranceOf(expected[i]!)));
  });

  it("refuses games too large to enumerate", () => {
    expect(() => shapleyValuesOf(21, () => 0)).toThrow(RangeError);
  });
});

describe("time decay and last non-direct definitions", () => {
  it("weighs 28, 14, 7 and 0 days before conversion like Google's 7-day half-life", () => {
    const oracle = ORACLES.time_decay_ga_style;
    const day = 86_400_000;
    const at = 1_000 * day;
    const days = oracle.input_days_before_conversion as number[];
    const journey: Journey = {
      touches: days.map((d) => ({ key: `d${d}`, channel: "Email", at: at - d * day })),
      conversions: 1,
      value: 0,
      nulls: 0,
      at,
    };
    const expected = Object.fromEntries(days.map((d, i) => [`d${d}`, oracle.normalized[i] as number]));
    expectCredits(attribute([journey], "time_decay"), expected);
  });

  const examples = ORACLES.last_non_direct_click.examples as { path: string[]; credit: string }[];
  it.each(examples.map((e) => [e.path.join(" > "), e] as const))("credits the GA example %s", (_name, example) => {
    const channels = example.path;
    const journey: Journey = {
      touches: channels.map((channel, i) => ({ key: `${i}:${channel}`, channel, at: i })),
      conversions: 1,
      value: 1,
      nulls: 0,
      at: channels.length,
    };
    // The credited touch is the last non-Direct one, or the last touch when all are Direct.
    const nonDirect = channels.map((c, i) => [c, i] as const).filter(([c]) => c !== "Direct");
    const [channel, index] = nonDirect.at(-1) ?? [channels.at(-1)!, channels.length - 1];
    expect(example.credit.startsWith(channel)).toBe(true);
    expectCredits(attribute([journey], "last_non_direct"), { [`${index}:${channel}`]: 1 });
  });
});
