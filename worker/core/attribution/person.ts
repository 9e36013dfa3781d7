// One person's journey as the profile page shows it: where each conversion happened (the session of the latest touch
// at or before it) and how much of the chosen conversion each touch earned under a model, by the same journey split
// and the same credit functions as the site's attribution report.
import { touchCredits } from "./index";
import { journeysOf } from "./journeys";
import type { AttributionOptions, JourneyTouch, Model } from "./types";

export interface PersonTouch {
  at: number;
  /** the touch's key: its channel (the profile page credits channels, as the attribution page does by default) */
  key: string;
  channel: string;
}

export interface PersonJourney {
  /** per touch: conversions of the chosen kind credited to it (adds up to the number of those conversions) */
  credit: number[];
  /** per conversion given: the index of the touch whose session it happened in (-1: before any touch) */
  touchOf: number[];
}

type Indexed = JourneyTouch & { i?: number };

/** The touch index each time falls in: the latest touch at or before it. */
function sessionOf(touches: PersonTouch[], at: number): number {
  let found = -1;
  for (let i = 0; i < touches.length && touches[i]!.at <= at; i++) found = i;
  return found;
}

/**
 * `touches` in time order; `all` every conversion of the person (for the markers); `chosen` the conversions credited
 * (a stage conversion once, at its first time, as the report counts it).
 */
export function personJourney(input: {
  touches: PersonTouch[];
  all: { at: number }[];
  chosen: { at: number; value: number }[];
  model: Model;
  options?: AttributionOptions & { keyShares?: ReadonlyMap<string, number> };
}): PersonJourney {
  const indexed: Indexed[] = input.touches.map((t, i) => ({ key: t.key, channel: t.channel, at: t.at, i }));
  const journeys = journeysOf({ touches: indexed, conversions: input.chosen });
  const perJourney = touchCredits(journeys, input.model, input.options);
  const credit = new Array<number>(input.touches.length).fill(0);
  journeys.forEach((j, n) => (j.touches as Indexed[]).forEach((t, k) => t.i !== undefined && (credit[t.i] = credit[t.i]! + perJourney[n]![k]!)));
  return { credit, touchOf: input.all.map((c) => sessionOf(input.touches, c.at)) };
}
