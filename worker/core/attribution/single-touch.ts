// First touch, last touch and last non-direct: the whole conversion goes to one touch of the journey.
import { creditTouch, emptyCreditsOf, type Credits } from "./credits";
import type { JourneyTable } from "./journey-table";

type PickTouch = (table: JourneyTable, from: number, to: number) => number;

const firstTouch: PickTouch = (_table, from) => from;
const lastTouch: PickTouch = (_table, _from, to) => to - 1;

/** GA's last non-direct click: the last touch that is not Direct, or the last touch of a Direct-only path. */
const lastNonDirectTouch: PickTouch = (table, from, to) => {
  for (let p = to - 1; p >= from; p--) if (table.touchDirect[p] === 0) return p;
  return to - 1;
};

function singleTouchCredits(table: JourneyTable, pick: PickTouch): Credits {
  const credits = emptyCreditsOf(table);
  for (let j = 0; j < table.conversions.length; j++) {
    if (table.conversions[j] === 0 && table.value[j] === 0) continue;
    creditTouch(credits, table, j, pick(table, table.start[j]!, table.start[j + 1]!), 1);
  }
  return credits;
}

export const firstTouchCredits = (table: JourneyTable): Credits => singleTouchCredits(table, firstTouch);
export const lastTouchCredits = (table: JourneyTable): Credits => singleTouchCredits(table, lastTouch);
export const lastNonDirectCredits = (table: JourneyTable): Credits => singleTouchCredits(table, lastNonDirectTouch);
