// Markov attribution from transition counts instead of journeys: the chain of core/attribution/markov-chain.ts only
// counts starts, key-to-key steps and absorptions, so counts kept per day (store/journeys.ts) and summed over a range
// give the same chain — and the same credits — as the journeys they came from.
import { inReportOrder } from "./credits";
import { keptKeys, lumps, OTHER_KEY } from "./lumped-table";
import { chainRemovalEffects } from "./markov";
import { normalisedChain, type MarkovChain } from "./markov-chain";
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
  const keys = [...new Set(steps.flatMap((s) => [s.from, s.to]).filter((k) => !isState(k)))];
  if (!lumps(keys.length, maxKeys)) return [...steps];
  const ids = keptKeys(keys, keys.map((k) => traffic.get(k) ?? 0), maxKeys);
  const kept = new Set([...ids].map((id) => keys[id]!));
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
  for (const s of steps) {
    if (s.from === STEP_START) {
      start[idOf(s.to)]! += s.weight;
      continue;
    }
    const from = idOf(s.from);
    out[from]! += s.weight;
    if (s.to === STEP_CONVERSION) toConversion[from]! += s.weight;
    else if (s.to === STEP_NULL) toNull[from]! += s.weight;
    else edges.set(from * size + idOf(s.to), (edges.get(from * size + idOf(s.to)) ?? 0) + s.weight);
  }
  const cells = [...edges].filter(([, count]) => count > 0);
  const counted = {
    from: Int32Array.from(cells, ([cell]) => Math.floor(cell / size)),
    to: Int32Array.from(cells, ([cell]) => cell % size),
    count: Float64Array.from(cells, ([, count]) => count),
  };
  return { keys, chain: normalisedChain({ start, toConversion, toNull, out, edges: counted }) };
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
