// Position based (U-shaped): 40% first, 40% last, 20% split evenly over the middle touches.
import { creditTouch, emptyCreditsOf, type Credits } from "./credits";
import type { JourneyTable } from "./journey-table";

const END_SHARE = 0.4;
const MIDDLE_SHARE = 0.2;

export function positionBasedCredits(table: JourneyTable): Credits {
  const credits = emptyCreditsOf(table);
  for (let j = 0; j < table.conversions.length; j++) {
    if (table.conversions[j] === 0 && table.value[j] === 0) continue;
    const from = table.start[j]!;
    const last = table.start[j + 1]! - 1;
    const n = last - from + 1;
    if (n === 1) {
      creditTouch(credits, table, j, from, 1);
      continue;
    }
    // With no middle touch the middle 20% has nowhere to go, so two touches split 50/50.
    const endWeight = n === 2 ? 0.5 : END_SHARE;
    creditTouch(credits, table, j, from, endWeight);
    creditTouch(credits, table, j, last, endWeight);
    const middleWeight = MIDDLE_SHARE / (n - 2);
    for (let p = from + 1; p < last; p++) creditTouch(credits, table, j, p, middleWeight);
  }
  return credits;
}
