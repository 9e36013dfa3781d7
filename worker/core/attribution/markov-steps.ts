// Markov attribution from transition counts instead of journeys: the chain of core/attribution/markov-chain.ts only
// counts starts, key-to-key steps and absorptions, so counts kept per day (store/journeys.ts) and summed over a range
// give the same chain — and the same credits — as the journeys they came from.
import { inReportOrder } from "./credits";
import { OTHER_KEY } from "./lumped-table";
import { chainRemovalEffects } from "./markov";
import type { MarkovChain } from "./markov-chain";
import type { AttributionOptions, AttributionResult } from "./types";

/** The start state and the two absorbing states of a step (control characters: never a key). */
export const STEP_START = "\u0001start";
export const STEP_CONVERSION = "\u0001conversion";
export const STEP_NULL = "\u0001null";

/** `weight` journeys (conversions + nulls) went from `from` to `to`; repeats of a key are already collapsed. */
export interface MarkovStep {
  from: string;
  to: string;
  weight: number;
}

const isState = (key: string) => key === STEP_START || key === STEP_CONVERSION || key === STEP_NULL;

/**
 * The steps with every key but the `maxKeys` − 1 with the most traffic (conversions + nulls of the journeys per touch
 * of the key, ties by key) folded into "(other)", as lumpedTable folds journeys; a step that now stays on "(other)"
 * is a collapsed repeat and drops out.
 */
function lumped(steps: readonly MarkovStep[], traffic: ReadonlyMap<string, number>, maxKeys: number): MarkovStep[] {
  if (!Number.isInteger(maxKeys) || maxKeys < 2) throw new RangeError(`markovMaxKeys must be an integer ≥ 2`);
  const keys = [...new Set(steps.flatMap((s) => [s.from, s.to]).filter((k) => !isState(k)))];
  if (keys.length <= maxKeys) return [...steps];
  keys.sort((a, b) => (traffic.get(b) ?? 0) - (traffic.get(a) ?? 0) || (a < b ? -1 : 1));
  const kept = new Set(keys.slice(0, maxKeys - 1));
  const map = (k: string) => (isState(k) || kept.has(k) ? k : OTHER_KEY);
  return steps.map((s) => ({ from: map(s.from), to: map(s.to), weight: s.weight })).filter((s) => s.from !== s.to);
}

/** The absorbing chain of the steps, keys numbered in order of first appearance. */
export function markovChainOfSteps(steps: readonly MarkovStep[]): { keys: string[]; chain: MarkovChain } {
  const ids = new Map<string, number>();
  const keys: string[] = [];
  const idOf = (k: string) => ids.get(k) ?? (ids.set(k, keys.length), keys.push(k) - 1);
  for (const s of steps) for (const k of [s.from, s.to]) if (!isState(k)) idOf(k);
  const size = keys.length;
  const start = new Float64Array(size);
  const toConversion = new Float64Array(size);
  const toNull = new Float64Array(size);
  const out = new Float64Array(size);
  const edges = new Map<number, number>();
  let starts = 0;
  for (const s of steps) {
    if (s.from === STEP_START) {
      start[idOf(s.to)]! += s.weight;
      starts += s.weight;
      continue;
    }
    const from = idOf(s.from);
    out[from]! += s.weight;
    if (s.to === STEP_CONVERSION) toConversion[from]! += s.weight;
    else if (s.to === STEP_NULL) toNull[from]! += s.weight;
    else edges.set(from * size + idOf(s.to), (edges.get(from * size + idOf(s.to)) ?? 0) + s.weight);
  }
  for (let k = 0; k < size; k++) {
    if (starts > 0) start[k]! /= starts;
    if (out[k]! > 0) {
      toConversion[k]! /= out[k]!;
      toNull[k]! /= out[k]!;
    }
  }
  const cells = [...edges].filter(([, count]) => count > 0);
  const edgeFrom = Int32Array.from(cells, ([cell]) => Math.floor(cell / size));
  const edgeTo = Int32Array.from(cells, ([cell]) => cell % size);
  const edgeProbability = Float64Array.from(cells, ([cell, count]) => count / out[Math.floor(cell / size)]!);
  return { keys, chain: { size, start, toConversion, toNull, edgeFrom, edgeTo, edgeProbability } };
}

/** Markov credits from steps: removal effects normalised to shares of the conversions and value. */
export function markovStepCredits(
  steps: readonly MarkovStep[],
  traffic: ReadonlyMap<string, number>,
  totals: { conversions: number; value: number },
  options: AttributionOptions = {},
): AttributionResult {
  const { keys, chain } = markovChainOfSteps(options.markovMaxKeys === undefined ? steps : lumped(steps, traffic, options.markovMaxKeys));
  const effects = chainRemovalEffects(chain, options.markovSolver);
  let sum = 0;
  for (const e of effects) sum += e;
  const rows = keys.map((key, k) => ({
    key,
    conversions: sum > 0 ? (effects[k]! / sum) * totals.conversions : 0,
    value: sum > 0 ? (effects[k]! / sum) * totals.value : 0,
  }));
  return { model: "markov", total_conversions: totals.conversions, total_value: totals.value, rows: inReportOrder(rows) };
}
