// Attribution reads: journeys aggregated in SQL to distinct paths, so a report reads a few thousand rows, not a
// million touches. The journey rules are those of core/attribution/journeys.ts (tested equal in the integration tests):
// a conversion owns the touches after the previous conversion and at or before it; with none, the latest earlier touch;
// with no touch at all, the synthetic "(none)".
import { isStageConversion, type GroupBy } from "../../schema/vocabulary";
import type { Journey } from "../core/attribution";
import { DIRECT, NO_TOUCH_KEY } from "../core/attribution";

export interface JourneyQuery {
  site: string;
  /** lead, mql, sql, customer, or a custom event name */
  conversion: string;
  groupBy: GroupBy;
  /** conversion (and, for non-converting journeys, touch) time range; absent = all time */
  from?: number;
  to?: number;
  /** time_decay needs each touch's time; the other models read distinct paths */
  withTimes: boolean;
  /** markov needs the non-converting journeys too */
  withNulls: boolean;
}

/** The grouping key of a touch `t` in SQL (the money report groups costs and traffic by the same keys). */
export const KEY: Record<GroupBy, string> = {
  channel: "t.channel",
  source: "COALESCE(t.source, '(direct)')",
  campaign: "COALESCE(t.campaign, '(not set)')",
};

const SEP = "\u001f";
const TIME = "\u001e";

/** Conversions of one kind; lead/mql/sql/customer count once per profile (a merge may have brought two). */
function conversionSource(conversion: string): { sql: string; args: unknown[] } {
  if (isStageConversion(conversion)) {
    return {
      sql: "SELECT profile_id, MIN(at) AS at, 0 AS value FROM conversions WHERE site = ?1 AND kind = ?2 GROUP BY profile_id",
      args: [conversion],
    };
  }
  return { sql: "SELECT profile_id, at, value FROM conversions WHERE site = ?1 AND kind = 'event' AND name = ?2", args: [conversion] };
}

/** One path element: a Direct flag, the key and, for time_decay, the time. */
export function element(groupBy: GroupBy, withTimes: boolean): string {
  const flag = "(CASE WHEN t.channel = 'Direct' THEN '1' ELSE '0' END)";
  return `${flag} || ${KEY[groupBy]}${withTimes ? ` || char(30) || t.at` : ""}`;
}

function converting(q: JourneyQuery): { sql: string; args: unknown[] } {
  return convertingFrom(q, conversionSource(q.conversion));
}

/**
 * Converting journeys of the conversions `source` selects (profile_id, at, value, and currency when `currency`: then
 * journeys are also told apart by it, so values in different currencies never add up).
 */
export function convertingFrom(q: Pick<JourneyQuery, "site" | "groupBy" | "from" | "to" | "withTimes">, source: { sql: string; args: unknown[] }, currency = false): { sql: string; args: unknown[] } {
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
export function inRange(q: Pick<JourneyQuery, "from" | "to">, column: string, args: unknown[]): string {
  const parts: string[] = [];
  if (q.from !== undefined) parts.push(`${column} >= ?${args.push(q.from)}`);
  if (q.to !== undefined) parts.push(`${column} <= ?${args.push(q.to)}`);
  return parts.length ? parts.join(" AND ") : "true";
}

function nonConverting(q: JourneyQuery): { sql: string; args: unknown[] } {
  const source = conversionSource(q.conversion);
  const args: unknown[] = [q.site, ...source.args];
  const sql = `
WITH last AS (SELECT profile_id, MAX(at) AS at FROM (${source.sql}) GROUP BY profile_id)
SELECT path, COUNT(*) AS nulls FROM (
  SELECT t.profile_id, group_concat(${element(q.groupBy, false)}, char(31) ORDER BY t.at, t.id) AS path
  FROM touches t LEFT JOIN last l ON l.profile_id = t.profile_id
  WHERE t.site = ?1 AND ${inRange(q, "t.at", args)} AND (l.at IS NULL OR t.at > l.at)
  GROUP BY t.profile_id
) GROUP BY path`;
  return { sql, args };
}

/** A path as SQL concatenates it (element() joined by char(31)) back into touches; "" is the synthetic "(none)". */
export function touchesOf(path: string, at: number) {
  if (path === "") return [{ key: NO_TOUCH_KEY, channel: DIRECT, at }];
  return path.split(SEP).map((el) => {
    const [body, time] = el.split(TIME) as [string, string | undefined];
    return { key: body.slice(1), channel: body[0] === "1" ? DIRECT : "", at: time === undefined ? at : Number(time) };
  });
}

export async function journeysFor(db: D1Database, q: JourneyQuery): Promise<Journey[]> {
  const conv = converting(q);
  const statements = [db.prepare(conv.sql).bind(...conv.args)];
  if (q.withNulls) {
    const nulls = nonConverting(q);
    statements.push(db.prepare(nulls.sql).bind(...nulls.args));
  }
  const [converted, open] = await db.batch<{ path: string; conversions?: number; value?: number; at?: number; nulls?: number }>(statements);
  const journeys: Journey[] = converted!.results.map((r) => ({
    touches: touchesOf(r.path, r.at ?? 0),
    conversions: r.conversions ?? 0,
    value: r.value ?? 0,
    nulls: 0,
    at: r.at ?? 0,
  }));
  for (const r of open?.results ?? []) journeys.push({ touches: touchesOf(r.path, 0), conversions: 0, value: 0, nulls: r.nulls ?? 0, at: 0 });
  return journeys;
}
