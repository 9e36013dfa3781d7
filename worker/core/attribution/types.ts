// Plain data shapes of channel attribution: journeys in, credited rows out.

import type { Model } from "../../../schema/vocabulary";

export { MODELS, type Model } from "../../../schema/vocabulary";

/** key = the group value (channel, source or campaign); channel is what last_non_direct reads ("Direct"). */
export interface JourneyTouch {
  key: string;
  channel: string;
  at: number;
}

export interface Journey {
  /** In time order, all at or before `at`. */
  touches: JourneyTouch[];
  /** How many conversions this journey represents (1 for one person; a count for aggregated paths). */
  conversions: number;
  /** Total conversion value of those conversions. */
  value: number;
  /** Non-converting journeys with this exact path (only Markov reads them). */
  nulls: number;
  /** Conversion time, epoch ms (time_decay measures days before it). */
  at: number;
}

export interface AttributionRow {
  key: string;
  conversions: number;
  value: number;
}

/** Rows sorted by conversions desc, then key. */
export interface AttributionResult {
  model: Model;
  total_conversions: number;
  total_value: number;
  rows: AttributionRow[];
}

export type MarkovSolver = "auto" | "dense" | "iterative";

export interface AttributionOptions {
  /** time_decay half-life in days (default 7). */
  halfLifeDays?: number;
  /** markov: "dense" Gauss-Jordan, "iterative" (sparse, for many keys) or "auto" (default: dense up to 1024 keys). */
  markovSolver?: MarkovSolver;
  /** markov: fold all but the busiest markovMaxKeys − 1 keys into "(other)" (an approximation; default: never). */
  markovMaxKeys?: number;
}

/** The channel name last_non_direct skips. */
export const DIRECT = "Direct";

/** Key credited for a conversion that has no touch at all before it (see docs/ATTRIBUTION.md). */
export const NO_TOUCH_KEY = "(none)";
