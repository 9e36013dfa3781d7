// SQL shared by the journey readers, and journeys built from touches for the money report (store/money.ts); attribution
// reports read the journeys kept per day instead (store/journeys.ts). The journey rules are core/attribution/journeys.ts's.
import { STAGE_CONVERSIONS, type GroupBy } from "../../schema/vocabulary";
import { DIRECT, NO_TOUCH_KEY } from "../core/attribution";

export interface PathQuery {
  site: string;
  groupBy: GroupBy;
  /** conversion time range; absent = all time */
  from?: number;
  to?: number;
  /** time_decay needs each touch's time */
  withTimes: boolean;
}

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

const SEP = "\u001f";
const TIME = "\u001e";

/** One path element: a Direct flag, the key and, for time_decay, the time. */
export function element(groupBy: GroupBy, withTimes: boolean): string {
  const flag = "(CASE WHEN t.channel = 'Direct' THEN '1' ELSE '0' END)";
  return `${flag} || ${KEY[groupBy]}${withTimes ? ` || char(30) || t.at` : ""}`;
}

/**
 * Converting journeys of the conversions `source` selects (profile_id, at, value, and currency when `currency`: then
 * journeys are also told apart by it, so values in different currencies never add up).
 */
export function convertingFrom(q: PathQuery, source: { sql: string; args: unknown[] }, currency = false): { sql: string; args: unknown[] } {
  const args: unknown[] = [q.site, ...source.args];
  const el = element(q.groupBy, q.withTimes);
  const cur = currency ? ", currency" : "";
  const sql = `
WITH c AS (
  SELECT profile_id, at, value${cur}, LAG(at) OVER (PARTITION BY profile_id ORDER BY at) AS prev_at
  FROM (${source.sql})
),
j AS (
  SELECT c.at, c.value${currency ? ", c.currency" : ""},
         COALESCE(
           (SELECT group_concat(${el}, char(31) ORDER BY t.at, t.id) FROM touches t
              WHERE t.profile_id = c.profile_id AND t.at <= c.at AND (c.prev_at IS NULL OR t.at > c.prev_at)),
           (SELECT ${el} FROM touches t WHERE t.profile_id = c.profile_id AND t.at <= c.at ORDER BY t.at DESC, t.id DESC LIMIT 1),
           ''
         ) AS path
  FROM c WHERE ${inRange(q, "c.at", args)}
)
${q.withTimes ? `SELECT path, 1 AS conversions, value, at${cur} FROM j` : `SELECT path, COUNT(*) AS conversions, SUM(value) AS value, 0 AS at${cur} FROM j GROUP BY path${cur}`}`;
  return { sql, args };
}

/**
 * A time range only when one is asked for (an always-true range would make SQLite pick the (site, at) index and
 * sort a million touches); its bounds are appended to `args`.
 */
export function inRange(q: Pick<PathQuery, "from" | "to">, column: string, args: unknown[]): string {
  const parts: string[] = [];
  if (q.from !== undefined) parts.push(`${column} >= ?${args.push(q.from)}`);
  if (q.to !== undefined) parts.push(`${column} <= ?${args.push(q.to)}`);
  return parts.length ? parts.join(" AND ") : "true";
}

/** A path as SQL concatenates it (element() joined by char(31)) back into touches; "" is the synthetic "(none)". */
export function touchesOf(path: string, at: number) {
  if (path === "") return [{ key: NO_TOUCH_KEY, channel: DIRECT, at }];
  return path.split(SEP).map((el) => {
    const [body, time] = el.split(TIME) as [string, string | undefined];
    return { key: body.slice(1), channel: body[0] === "1" ? DIRECT : "", at: time === undefined ? at : Number(time) };
  });
}
