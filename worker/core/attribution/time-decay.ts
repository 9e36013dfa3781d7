// Time decay: weight 2^(-days before conversion / half-life), normalised per journey.
import { creditTouch, emptyCreditsOf, type Credits } from "./credits";
import type { JourneyTable } from "./journey-table";
import { DAY_MS } from "../time";

export const DEFAULT_HALF_LIFE_DAYS = 7;

export function timeDecayCredits(table: JourneyTable, halfLifeDays = DEFAULT_HALF_LIFE_DAYS): Credits {
  if (!(halfLifeDays > 0) || !Number.isFinite(halfLifeDays)) {
    throw new RangeError(`halfLifeDays must be a positive finite number, got ${halfLifeDays}`);
  }
  const credits = emptyCreditsOf(table);
  const halfLifeMs = halfLifeDays * DAY_MS;
  for (let j = 0; j < table.conversions.length; j++) {
    if (table.conversions[j] === 0 && table.value[j] === 0) continue;
    const from = table.start[j]!;
    const to = table.start[j + 1]!;
    // Measuring from the newest touch instead of the conversion scales every weight by the same factor
    // (so normalised weights are unchanged) and keeps them from underflowing to 0 on very old journeys.
    let newest = -Infinity;
    for (let p = from; p < to; p++) newest = Math.max(newest, Math.min(table.touchAt[p]!, table.at[j]!));
    let sum = 0;
    for (let p = from; p < to; p++) sum += decayWeight(newest - table.touchAt[p]!, halfLifeMs);
    for (let p = from; p < to; p++) {
      creditTouch(credits, table, j, p, decayWeight(newest - table.touchAt[p]!, halfLifeMs) / sum);
    }
  }
  return credits;
}

/** A touch after the conversion (bad input) counts as at the conversion, never more than weight 1. */
function decayWeight(ageMs: number, halfLifeMs: number): number {
  return Math.pow(2, -Math.max(0, ageMs) / halfLifeMs);
}
