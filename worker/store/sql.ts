// SQL pieces shared by the readers of journeys and what is kept of them (store/journeys.ts, store/money.ts,
// store/dispositions.ts): grouping keys, time ranges, rows.
import { STAGE_CONVERSIONS, type GroupBy } from "../../schema/vocabulary";

/** The stage conversions as an SQL list. */
export const STAGE_LIST = STAGE_CONVERSIONS.map((s) => `'${s}'`).join(", ");

/** A D1 result row, and a number read from one (D1 may hand back a numeric column as text or null). */
export type Row = Record<string, unknown>;
export const num = (x: unknown) => (typeof x === "number" ? x : Number(x ?? 0));

/** The grouping key of a touch `t` in SQL (the money report groups costs and traffic by the same keys). */
export const KEY: Record<GroupBy, string> = {
  channel: "t.channel",
  source: "COALESCE(t.source, '(direct)')",
  campaign: "COALESCE(t.campaign, '(not set)')",
};

/**
 * A time range only when one is asked for (an always-true range would make SQLite pick the (site, at) index and
 * sort a million touches); its bounds are appended to `args`.
 */
export function inRange(q: { from?: number; to?: number }, column: string, args: unknown[]): string {
  const parts: string[] = [];
  if (q.from !== undefined) parts.push(`${column} >= ?${args.push(q.from)}`);
  if (q.to !== undefined) parts.push(`${column} <= ?${args.push(q.to)}`);
  return parts.length ? parts.join(" AND ") : "true";
}
