// What the store hands the money report: converting paths, orders, tails, traffic, delays and costs, aggregated in SQL.
import type { StageConversion } from "../../../schema/vocabulary";
import type { Journey, JourneyTouch } from "../attribution";

/** The report's conversion kinds: the four stages, and orders (events that carried a currency). */
export type MoneyConversion = StageConversion | "orders";

/**
 * Profiles that reached a stage in the range, aggregated by path. `touches` are the profile's touches (any time) up to
 * its latest stage reached in range; a stage's journey is the first `touches` of them (0: no touch at all, "(none)").
 */
export interface FunnelPath {
  touches: JourneyTouch[];
  /** each stage reached in the range: how many of `touches` are at or before it, and when (0 when times were not read) */
  stages: Partial<Record<StageConversion, { touches: number; at: number }>>;
  profiles: number;
  /** of `profiles`, how many are junk (quality junk, or the CRM said junk) */
  junk: number;
  /** the deals of those who became customers in the range, summed (one currency per path row) */
  deal: { amount: number; currency: string } | null;
}

/** Orders: journeys split by the rules of core/attribution/journeys.ts, value in `currency`. */
export interface OrderPath {
  journey: Journey;
  currency: string;
}

/**
 * Markov only: each profile's touches in the range, with how many of them are at or before each kind's (last)
 * conversion — null when the profile never converted so. What follows is the non-converting tail Markov reads.
 */
export interface TailPath {
  touches: JourneyTouch[];
  upTo: Record<MoneyConversion, number | null>;
  profiles: number;
}

export interface KeyTraffic {
  key: string;
  /** touches (session starts) in the range */
  sessions: number;
  /** distinct profiles with a touch of the key in the range */
  visitors: number;
}

export interface Traffic {
  keys: KeyTraffic[];
  /** distinct profiles with any touch in the range */
  visitors: number;
}

/** Milliseconds from a profile's first touch (its key) to its lead and its customer conversion in the range. */
export interface Delay {
  key: string;
  toLead: number | null;
  toCustomer: number | null;
  profiles: number;
}

/** Imported costs in the range, summed per source, medium, campaign and currency. */
export interface CostTotal {
  source: string;
  medium: string;
  campaign: string;
  currency: string;
  amount: number;
}
