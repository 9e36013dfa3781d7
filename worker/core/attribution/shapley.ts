// Shapley value under Zhao et al. (2018)'s coalition worth, in its exact closed form (linear time).
import { creditTouch, emptyCreditsOf, type Credits } from "./credits";
import type { JourneyTable } from "./journey-table";

/**
 * v(S) = conversions of journeys whose set of keys is a subset of S. That game is a sum of unanimity games
 * (one per distinct key set T, weighted by its conversions R(T)), so φ_k = Σ_{T∋k} R(T)/|T|: each journey's
 * conversions split equally over its DISTINCT keys. Exact for any number of keys; no 2^n enumeration.
 */
export function shapleyCredits(table: JourneyTable): Credits {
  const credits = emptyCreditsOf(table);
  // seenIn[key] === j + 1 marks a key already counted in journey j, so no per-journey Set is allocated.
  const seenIn = new Int32Array(table.keys.length);
  for (let j = 0; j < table.conversions.length; j++) {
    if (table.conversions[j] === 0 && table.value[j] === 0) continue;
    const from = table.start[j]!;
    const to = table.start[j + 1]!;
    let distinct = 0;
    for (let p = from; p < to; p++) {
      const key = table.touchKey[p]!;
      if (seenIn[key] !== j + 1) {
        seenIn[key] = j + 1;
        distinct++;
      }
    }
    const weight = 1 / distinct;
    for (let p = from; p < to; p++) {
      const key = table.touchKey[p]!;
      if (seenIn[key] === j + 1) {
        seenIn[key] = -(j + 1);
        creditTouch(credits, table, j, p, weight);
      }
    }
  }
  return credits;
}
