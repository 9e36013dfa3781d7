// Channel attribution: dispatches a model name to its pure credit function over journeys.
import { resultOf, type Credits } from "./credits";
export { inReportOrder, settled } from "./credits";
import { journeyTableOf, type JourneyTable } from "./journey-table";
import { linearCredits } from "./linear";
import { markovCredits, markovTableOf, removalEffectsOf } from "./markov";
import { positionBasedCredits } from "./position-based";
import { shapleyCredits } from "./shapley";
import { firstTouchCredits, lastNonDirectCredits, lastTouchCredits } from "./single-touch";
import { timeDecayCredits } from "./time-decay";
import { type AttributionOptions, type AttributionResult, type Journey, type Model } from "./types";

export * from "./types";
export { journeysOf } from "./journeys";
export { journeysFromPaths, type PathRow } from "./path-rows";
export { shapleyValuesOf, coalitionsInTableOrder, MAX_EXACT_PLAYERS } from "./shapley-game";
export { DEFAULT_HALF_LIFE_DAYS } from "./time-decay";
export { OTHER_KEY } from "./lumped-table";
export { MAX_DENSE_KEYS } from "./markov";
export { markovStepCredits, STEP_CONVERSION, STEP_NULL, STEP_START, type MarkovStep } from "./markov-steps";

const CREDITS_BY_MODEL: Record<Model, (table: JourneyTable, options: AttributionOptions) => Credits> = {
  first_touch: firstTouchCredits,
  last_touch: lastTouchCredits,
  last_non_direct: lastNonDirectCredits,
  linear: linearCredits,
  time_decay: (table, options) => timeDecayCredits(table, options.halfLifeDays),
  position_based: positionBasedCredits,
  markov: markovCredits,
  shapley: shapleyCredits,
};

/** Credits of every model sum to total_conversions; value is credited with the same weights. */
export function attribute(journeys: Journey[], model: Model, options: AttributionOptions = {}): AttributionResult {
  const table = journeyTableOf(journeys);
  return resultOf(model, table, CREDITS_BY_MODEL[model](table, options));
}

/**
 * How many conversions each touch of one person's journeys earned under a model, journey by journey (a conversion's
 * credits add up to 1). Every model but Markov credits touches itself; Markov credits keys from all of a site's
 * journeys, so `keyShares` (each key's share of the site's Markov credit) splits a conversion over the distinct keys
 * on its path, their first touches receiving it, in proportion (equally when none has a share).
 */
export function touchCredits(journeys: Journey[], model: Model, options: AttributionOptions & { keyShares?: ReadonlyMap<string, number> } = {}): number[][] {
  const table = { ...journeyTableOf(journeys), perTouch: true };
  const perTouch = model === "markov" ? sharedTouchCredits(table, options.keyShares ?? new Map()) : CREDITS_BY_MODEL[model](table, options).touches!;
  return journeys.map((_, j) => Array.from(perTouch.subarray(table.start[j]!, table.start[j + 1]!)));
}

function sharedTouchCredits(table: JourneyTable, shares: ReadonlyMap<string, number>): Float64Array {
  const out = new Float64Array(table.touchKey.length);
  for (let j = 0; j < table.conversions.length; j++) {
    const from = table.start[j]!;
    const to = table.start[j + 1]!;
    const first = new Map<number, number>();
    for (let p = from; p < to; p++) if (!first.has(table.touchKey[p]!)) first.set(table.touchKey[p]!, p);
    const weights = [...first.keys()].map((k) => Math.max(0, shares.get(table.keys[k]!) ?? 0));
    const sum = weights.reduce((a, b) => a + b, 0);
    [...first.values()].forEach((p, i) => (out[p] = (sum > 0 ? weights[i]! / sum : 1 / first.size) * table.conversions[j]!));
  }
  return out;
}

/** Markov removal effect per key (1 − P(conv without key) / P(conv)), before normalisation to credits. */
export function markovRemovalEffects(journeys: Journey[], options: AttributionOptions = {}): Map<string, number> {
  const table = markovTableOf(journeyTableOf(journeys), options);
  const effects = removalEffectsOf(table, options.markovSolver);
  return new Map(table.keys.map((key, id) => [key, effects[id]!]));
}
