// Linear: every touch of a journey gets an equal share (repeated keys count once per touch).
import { creditTouch, emptyCreditsOf, type Credits } from "./credits";
import type { JourneyTable } from "./journey-table";

export function linearCredits(table: JourneyTable): Credits {
  const credits = emptyCreditsOf(table);
  for (let j = 0; j < table.conversions.length; j++) {
    if (table.conversions[j] === 0 && table.value[j] === 0) continue;
    const from = table.start[j]!;
    const to = table.start[j + 1]!;
    const weight = 1 / (to - from);
    for (let p = from; p < to; p++) creditTouch(credits, table, j, p, weight);
  }
  return credits;
}
