// The dashboard's date range: whole UTC days from `from` to `to` (inclusive), last 30 days unless the query says otherwise.
import { DAY_MS, utcDay } from "../../core/time";

/** Longest range a page reads, so one request stays within a Worker's time and memory. */
export const MAX_RANGE_DAYS = 400;
export const DEFAULT_RANGE_DAYS = 30;

export interface DateRange {
  /** YYYY-MM-DD, inclusive */
  from: string;
  to: string;
  /** epoch ms: the first millisecond of `from` and the last of `to` */
  fromMs: number;
  toMs: number;
  /** every day of the range, oldest first */
  days: string[];
}

const dayOf = utcDay;

/** Epoch ms of a YYYY-MM-DD day's midnight UTC, or null for anything else (including impossible dates like 02-31). */
export function dayStartMs(day: string | undefined): number | null {
  if (!day || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const ms = Date.parse(`${day}T00:00:00.000Z`);
  return Number.isNaN(ms) || dayOf(ms) !== day ? null : ms;
}

/** The range a query asks for; a missing or unreadable bound falls back to the default, a reversed one is swapped. */
export function rangeOf(query: { from?: string; to?: string }, now: number): DateRange {
  const today = dayStartMs(dayOf(now))!;
  let end = dayStartMs(query.to) ?? today;
  let start = dayStartMs(query.from) ?? end - (DEFAULT_RANGE_DAYS - 1) * DAY_MS;
  if (start > end) [start, end] = [end, start];
  start = Math.max(start, end - (MAX_RANGE_DAYS - 1) * DAY_MS);
  const days: string[] = [];
  for (let d = start; d <= end; d += DAY_MS) days.push(dayOf(d));
  return { from: dayOf(start), to: dayOf(end), fromMs: start, toMs: end + DAY_MS - 1, days };
}

export function dayOfNumber(n: number): string {
  return dayOf(n * DAY_MS);
}
