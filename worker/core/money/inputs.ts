// What the store hands the money report (store/money.ts): the chosen model's credits as kept per day, what junk leads
// and deals are worth to each key, Markov's transitions, traffic, delays and costs — aggregated in SQL.
import { STAGE_CONVERSIONS, type StageConversion } from "../../../schema/vocabulary";
import type { Journey } from "../attribution";

/** The report's conversion kinds: the four stages, and orders (events that carried a currency). */
export type MoneyConversion = StageConversion | "orders";
export const MONEY_CONVERSIONS: readonly MoneyConversion[] = [...STAGE_CONVERSIONS, "orders"];

/**
 * A key's kept credit under the chosen model for one conversion kind — or '*', the every-touch tails Markov reads —
 * in one currency ('' for all but orders): conversions, value (orders' revenue in `currency`) and Markov's traffic.
 */
export interface KeptCredit {
  conversion: MoneyConversion | "*";
  key: string;
  currency: string;
  conversions: number;
  value: number;
  traffic: number;
  /** linear's credit: above 0 when a converting journey of the kind has a touch of the key */
  onPath: number;
}

/** A Markov transition count of one kind (or '*'), as kept per day. */
export interface KeptStep {
  conversion: MoneyConversion | "*";
  from: string;
  to: string;
  weight: number;
}

/** A converting journey with its touches' times (time decay at another half-life than the kept one), value in `currency`. */
export interface TimedJourney {
  conversion: MoneyConversion;
  journey: Journey;
  currency: string;
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
