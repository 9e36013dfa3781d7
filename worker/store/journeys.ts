// Pre-aggregated journeys (schema/migrations/0013_journeys.sql). Each profile's journeys are kept as rows, and what
// every model needs from them is kept summed per site, conversion, grouping and UTC day: each key's credit under the
// models that credit journey by journey (first, last, last non-direct, linear, position based, time decay at the
// default half-life, Shapley) and Markov's transition counts. A commit that changes profiles rebuilds their rows in its
// own transaction and moves the sums by the difference, so a report reads days × keys rows whatever the number of
// touches or of distinct paths.
//
// The journey rules are core/attribution/journeys.ts's (tested equal in test/workers/journeys.test.ts): a conversion
// owns the touches after the previous conversion of its kind and at or before it; with none, the latest earlier touch;
// with no touch at all, the synthetic "(none)". Touches after a kind's last conversion are its non-converting tail,
// dated by its last touch. Stage conversions count once per profile (the first); custom ones each time.
import { GROUPINGS, isStageConversion, type GroupBy, type Model, type StageConversion } from "../../schema/vocabulary";
import { DEFAULT_HALF_LIFE_DAYS, DIRECT, NO_TOUCH_KEY, STEP_CONVERSION, STEP_NULL, STEP_START, type Journey, type MarkovStep } from "../core/attribution";
import type { MoneyConversion } from "../core/money/inputs";
import { DAY_MS } from "../core/time";
import { inRange, KEY, num, STAGE_LIST, type Row } from "./sql";

const GROUPINGS_JSON = JSON.stringify(GROUPINGS);
const HALF_LIFE_MS = DEFAULT_HALF_LIFE_DAYS * DAY_MS;

/** The JSON array columns of `journeys`: keys under each grouping, Direct flags and times, each aggregated over touches `t` in time order. */
const PATH_COLUMNS = [
  ...GROUPINGS.map((g) => ({ name: `${g}_path`, sql: KEY[g], none: `'${NO_TOUCH_KEY}'` })),
  { name: "direct", sql: "(t.channel = 'Direct')", none: "1" },
  { name: "times", sql: "t.at", none: "k.at" },
];
const PATHS = PATH_COLUMNS.map((c) => c.name).join(", ");
/** A journey `j`'s keys under the grouping `g.value` (a row of json_each over groupings). */
const PATH_OF_GROUPING = `CASE g.value ${GROUPINGS.map((x) => `WHEN '${x}' THEN j.${x}_path`).join(" ")} END`;
const aggregatedPaths = PATH_COLUMNS.map((c) => `json_group_array(${c.sql} ORDER BY t.at, t.id) AS ${c.name}`).join(", ");

/** Orders: custom conversions whose event carried a currency (schema/migrations/0009_money.sql), one kind whatever the event's name. */
const ORDERS = "orders" satisfies MoneyConversion;
const ORDER_CONVERSIONS = "kind = 'event' AND currency IS NOT NULL";

/** Each conversion of the profiles `ids` selects: stages once (the first), custom events each time, and orders. */
const conversionsOf = (ids: string) => `
  SELECT site, profile_id, kind AS conversion, MIN(at) AS at, 0 AS value, '' AS id, '' AS currency FROM conversions
   WHERE profile_id IN (${ids}) AND kind IN (${STAGE_LIST}) GROUP BY profile_id, kind
  UNION ALL
  SELECT site, profile_id, 'event:' || name, at, COALESCE(value, 0), id, '' FROM conversions WHERE profile_id IN (${ids}) AND kind = 'event'
  UNION ALL
  SELECT site, profile_id, '${ORDERS}', at, COALESCE(value, 0), id, currency FROM conversions WHERE profile_id IN (${ids}) AND ${ORDER_CONVERSIONS}`;

/** Converting journeys of the profiles `ids` selects. */
const INSERT_CONVERTING = (ids: string) => `
INSERT INTO journeys (site, profile_id, conversion, n, day, at, conversions, value, currency, nulls, ${PATHS})
WITH c AS (${conversionsOf(ids)}),
k AS (SELECT c.*, ROW_NUMBER() OVER w - 1 AS n, LAG(at) OVER w AS prev_at FROM c WINDOW w AS (PARTITION BY profile_id, conversion ORDER BY at, id)),
own AS (
  SELECT k.profile_id, k.conversion, k.n, ${aggregatedPaths}
  FROM k JOIN touches t ON t.profile_id = k.profile_id AND t.at <= k.at AND (k.prev_at IS NULL OR t.at > k.prev_at)
  GROUP BY k.profile_id, k.conversion, k.n
),
latest AS (
  SELECT k.*, (SELECT t.id FROM touches t WHERE t.profile_id = k.profile_id AND t.at <= k.at ORDER BY t.at DESC, t.id DESC LIMIT 1) AS touch
  FROM k WHERE NOT EXISTS (SELECT 1 FROM own WHERE own.profile_id = k.profile_id AND own.conversion = k.conversion AND own.n = k.n)
)
SELECT k.site, k.profile_id, k.conversion, k.n, k.at / ${DAY_MS}, k.at, 1, k.value, k.currency, 0, ${PATH_COLUMNS.map((c) => `own.${c.name}`).join(", ")}
FROM k JOIN own ON own.profile_id = k.profile_id AND own.conversion = k.conversion AND own.n = k.n
UNION ALL
SELECT k.site, k.profile_id, k.conversion, k.n, k.at / ${DAY_MS}, k.at, 1, k.value, k.currency, 0,
       ${PATH_COLUMNS.map((c) => `json_array(CASE WHEN t.id IS NULL THEN ${c.none} ELSE ${c.sql} END)`).join(", ")}
FROM latest k LEFT JOIN touches t ON t.site = k.site AND t.id = k.touch`;

/**
 * Non-converting tails of the profiles `ids` selects: '*' (every touch) for each, and for each kind a profile converted
 * on, the touches after its last conversion plus a row cancelling its '*' under that kind. So the tails of a kind are
 * its rows plus the '*' rows, and a profile that never converted needs no row per kind.
 */
const INSERT_TAILS = (ids: string) => `
INSERT INTO journeys (site, profile_id, conversion, n, day, at, conversions, value, nulls, ${PATHS})
WITH last AS (
  SELECT profile_id, conversion, MAX(at) AS at FROM (${conversionsOf(ids)}) GROUP BY profile_id, conversion
  UNION ALL
  SELECT DISTINCT profile_id, '*', NULL FROM touches WHERE profile_id IN (${ids})
),
tails AS (
  SELECT t.site, l.profile_id, l.conversion, MAX(t.at) AS at, ${aggregatedPaths}
  FROM last l JOIN touches t ON t.profile_id = l.profile_id AND (l.at IS NULL OR t.at > l.at)
  GROUP BY l.profile_id, l.conversion
)
SELECT site, profile_id, conversion, -1, at / ${DAY_MS}, at, 0, 0, 1, ${PATHS} FROM tails
UNION ALL
SELECT s.site, l.profile_id, l.conversion, -2, s.at / ${DAY_MS}, s.at, 0, 0, -1, ${PATH_COLUMNS.map((c) => `s.${c.name}`).join(", ")}
FROM last l JOIN tails s ON s.profile_id = l.profile_id AND s.conversion = '*' WHERE l.conversion != '*'`;

/**
 * Every touch of the journeys `where` selects (a condition on `j`), under each of `groupings`, with what the models
 * read of its journey — all from the journey's own JSON arrays, so no window has to sort the touches:
 * `i` its place, `touches` how many, `prev` the key before it, `last_non_direct` the place of the last non-Direct
 * touch, `decay` its time-decay weight and `decay_sum` the journey's, `distinct_keys` and `occurrences` (of its key)
 * for Shapley. Tails (no conversion) only need keys and places.
 */
const TOUCHES = (where: string, groupings: readonly GroupBy[]) => `
j0 AS (
  SELECT j.site, j.profile_id, j.conversion, j.n, j.day, j.conversions, j.value, j.currency, j.nulls, j.times, g.value AS group_by,
         ${PATH_OF_GROUPING} AS path,
         CASE WHEN j.conversions != 0 THEN (SELECT MAX(d.key) FROM json_each(j.direct) d WHERE d.value = 0) END AS last_non_direct,
         CASE WHEN j.conversions != 0 THEN min(json_extract(j.times, '$[#-1]'), j.at) END AS newest
  FROM journeys j, json_each('${JSON.stringify(groupings)}') g
  WHERE ${where}
),
jj AS (
  SELECT j0.*, json_array_length(j0.path) AS touches,
         CASE WHEN j0.conversions != 0 THEN (SELECT SUM(pow(2, -max(0, j0.newest - d.value) / ${HALF_LIFE_MS}.0)) FROM json_each(j0.times) d) END AS decay_sum,
         CASE WHEN j0.conversions != 0 THEN (SELECT COUNT(DISTINCT q.value) FROM json_each(j0.path) q) END AS distinct_keys
  FROM j0
),
e AS (
  SELECT jj.*, p.key AS i, p.value AS key,
         CASE WHEN p.key > 0 THEN json_extract(jj.path, '$[' || (p.key - 1) || ']') END AS prev,
         CASE WHEN jj.conversions != 0 THEN pow(2, -max(0, jj.newest - json_extract(jj.times, '$[' || p.key || ']')) / ${HALF_LIFE_MS}.0) END AS decay,
         CASE WHEN jj.conversions != 0 THEN (SELECT COUNT(*) FROM json_each(jj.path) q WHERE q.value = p.value) END AS occurrences
  FROM jj, json_each(jj.path) p
)`;

/** Each model's share of a touch `s` of its journey, as core/attribution computes it (docs/ATTRIBUTION.md, "Models"). */
const SHARES = [
  ["first_touch", "(s.i = 0)"],
  ["last_touch", "(s.i = s.touches - 1)"],
  ["last_non_direct", "(s.i = COALESCE(s.last_non_direct, s.touches - 1))"],
  ["linear", "1.0 / s.touches"],
  ["position_based", "CASE WHEN s.touches = 1 THEN 1.0 WHEN s.touches = 2 THEN 0.5 WHEN s.i = 0 OR s.i = s.touches - 1 THEN 0.4 ELSE 0.2 / (s.touches - 2) END"],
  ["time_decay", "s.decay / s.decay_sum"],
  // 1/d for the first touch of each distinct key; split over the key's touches it sums the same per key.
  ["shapley", "1.0 / (s.distinct_keys * s.occurrences)"],
] as const satisfies readonly (readonly [Model, string])[];

/** The models journey_credits keeps: `<model>` (conversions) and `<model>_value` columns. */
export const CREDITED_MODELS = SHARES.map(([m]) => m);

const CREDIT_SUMS = [...SHARES.flatMap(([m]) => [m, `${m}_value`]), "traffic"];

/**
 * Credits per site, conversion, grouping (of `groupings`), day and key of the converting journeys `where` selects,
 * times `sign`: each model's share of each touch times the journey's conversions and value, and Markov's traffic
 * (conversions per touch; tails add theirs in TAIL_TRAFFIC_ROWS), which picks the keys kept when a chain is lumped.
 */
export const CREDIT_ROWS = (where: string, sign: 1 | -1, groupings: readonly GroupBy[] = GROUPINGS) => `
WITH ${TOUCHES(`${where} AND j.conversions != 0`, groupings)}
SELECT s.site, s.conversion, s.group_by, s.day, s.key, s.currency,
       ${SHARES.map(([m, share]) => `${sign} * SUM(${share} * s.conversions) AS ${m}, ${sign} * SUM(${share} * s.value) AS ${m}_value`).join(",\n       ")},
       ${sign} * SUM(s.conversions) AS traffic
FROM e s WHERE true GROUP BY s.site, s.conversion, s.group_by, s.day, s.key, s.currency`;

/** Markov's traffic of the non-converting tails `where` selects: their nulls per touch of each key, times `sign`. */
export const TAIL_TRAFFIC_ROWS = (where: string, sign: 1 | -1, groupings: readonly GroupBy[] = GROUPINGS) => `
WITH ${TOUCHES(`${where} AND j.conversions = 0`, groupings)}
SELECT s.site, s.conversion, s.group_by, s.day, s.key, s.currency, ${sign} * SUM(s.nulls) AS traffic
FROM e s WHERE true GROUP BY s.site, s.conversion, s.group_by, s.day, s.key, s.currency`;

/** Both, as rows of every journey_credits column (what a part-day of a range reads). */
export const ALL_CREDIT_ROWS = (where: string, sign: 1 | -1, groupings: readonly GroupBy[] = GROUPINGS) => `
SELECT site, conversion, group_by, day, key, currency, ${CREDIT_SUMS.join(", ")} FROM (${CREDIT_ROWS(where, sign, groupings)})
UNION ALL
SELECT site, conversion, group_by, day, key, currency, ${CREDIT_SUMS.map((c) => (c === "traffic" ? c : `0 AS ${c}`)).join(", ")} FROM (${TAIL_TRAFFIC_ROWS(where, sign, groupings)})`;

/**
 * Markov's transitions per site, conversion, grouping and day of the journeys `where` selects, times `sign`, each
 * weighing the journey's conversions + nulls: start → first key, key → next different key (repeats collapse, as
 * core/attribution/markov-chain.ts does), last key → conversion (conversions) and → null (nulls).
 */
export const STEP_ROWS = (where: string, sign: 1 | -1, groupings: readonly GroupBy[] = GROUPINGS) => `
WITH ${TOUCHES(where, groupings)},
steps AS (
  SELECT site, conversion, group_by, day, COALESCE(prev, '${STEP_START}') AS from_key, key AS to_key, conversions + nulls AS weight FROM e WHERE prev IS NULL OR prev != key
  UNION ALL
  SELECT site, conversion, group_by, day, key, '${STEP_CONVERSION}', conversions FROM e WHERE i = touches - 1 AND conversions != 0
  UNION ALL
  SELECT site, conversion, group_by, day, key, '${STEP_NULL}', nulls FROM e WHERE i = touches - 1 AND nulls != 0
)
SELECT site, conversion, group_by, day, from_key, to_key, ${sign} * SUM(weight) AS weight FROM steps WHERE true
GROUP BY site, conversion, group_by, day, from_key, to_key`;

/**
 * Each touch of the every-touch tails (`*`) `where` selects, under every grouping: its key `p.value`, its place
 * `p.key`, its time `at`. What sessions and visitors are counted from.
 */
const EVERY_TOUCH = (where: string) => `
SELECT j.site, j.profile_id, g.value AS group_by, p.value AS key, json_extract(j.times, '$[' || p.key || ']') AS at
FROM journeys j, json_each('${GROUPINGS_JSON}') g, json_each(${PATH_OF_GROUPING}) p
WHERE ${where} AND j.conversion = '*' AND j.n = -1`;

/** Sessions per site, grouping, UTC day of the touch and key, of the journeys `where` selects, times `sign`. */
const SESSION_ROWS = (where: string, sign: 1 | -1) => `
SELECT site, group_by, at / ${DAY_MS} AS day, key, ${sign} * COUNT(*) AS sessions FROM (${EVERY_TOUCH(where)}) WHERE true GROUP BY 1, 2, 3, 4`;

/** The stages the report measures the time to. */
export const DELAY_STAGES = ["lead", "customer"] as const satisfies readonly StageConversion[];

/**
 * Days from first touch to lead and to customer, per site, stage, grouping, day, first key and delay, of the journeys
 * `where` selects, times `sign`. A stage counts once, so its journey holds every touch up to it and its first is the
 * person's first touch; a stage reached before any touch has the synthetic "(none)" and no delay.
 */
export const DELAY_ROWS = (where: string, sign: 1 | -1, groupings: readonly GroupBy[] = GROUPINGS) => `
SELECT j.site, j.conversion, g.value AS group_by, j.day, json_extract(${PATH_OF_GROUPING}, '$[0]') AS key,
       j.at - json_extract(j.times, '$[0]') AS delay, ${sign} * COUNT(*) AS profiles
FROM journeys j, json_each('${JSON.stringify(groupings)}') g
WHERE ${where} AND j.conversion IN (${DELAY_STAGES.map((s) => `'${s}'`).join(", ")}) AND j.n = 0 AND json_extract(j.channel_path, '$[0]') != '${NO_TOUCH_KEY}'
GROUP BY 1, 2, 3, 4, 5, 6`;

/** A day table, the sums it keeps and how rows of `where` are summed into some of them. */
interface Tally {
  table: string;
  key: string[];
  /** the columns `rows` gives */
  sums: string[];
  rows: (where: string, sign: 1 | -1) => string;
  /** deletes the rows the journeys `where` selects fed that now sum to nothing (a tail moved on, a person left) */
  drop: (where: string) => string;
}

/** Day rows of the days the journeys `where` selects fall on whose `sums` are all zero. */
const DROP_EMPTY = (table: string, sums: string[]) => (where: string) => `
DELETE FROM ${table} WHERE ${sums.map((c) => `abs(${c}) < 1e-9`).join(" AND ")}
AND (site, conversion, group_by, day) IN (SELECT j.site, j.conversion, g.value, j.day FROM journeys j, json_each('${GROUPINGS_JSON}') g WHERE ${where})`;

const CREDIT_KEY = ["site", "conversion", "group_by", "day", "key", "currency"];
const STEP_KEY = ["site", "conversion", "group_by", "day", "from_key", "to_key"];
const SESSION_KEY = ["site", "group_by", "day", "key"];
const DELAY_KEY = ["site", "conversion", "group_by", "day", "key", "delay"];
const TALLIES: Tally[] = [
  { table: "journey_credits", key: CREDIT_KEY, sums: CREDIT_SUMS, rows: CREDIT_ROWS, drop: DROP_EMPTY("journey_credits", CREDIT_SUMS) },
  { table: "journey_credits", key: CREDIT_KEY, sums: ["traffic"], rows: TAIL_TRAFFIC_ROWS, drop: DROP_EMPTY("journey_credits", CREDIT_SUMS) },
  { table: "journey_steps", key: STEP_KEY, sums: ["weight"], rows: STEP_ROWS, drop: DROP_EMPTY("journey_steps", ["weight"]) },
  { table: "stage_delays", key: DELAY_KEY, sums: ["profiles"], rows: DELAY_ROWS, drop: DROP_EMPTY("stage_delays", ["profiles"]) },
  {
    table: "touch_days", key: SESSION_KEY, sums: ["sessions"], rows: SESSION_ROWS,
    drop: (where) => `DELETE FROM touch_days WHERE sessions = 0 AND (${SESSION_KEY.join(", ")}) IN (SELECT ${SESSION_KEY.join(", ")} FROM (${SESSION_ROWS(where, 1)}))`,
  },
];
const TABLES = [...new Map(TALLIES.map((t) => [t.table, t])).values()];

/** Every table derived from a site's touches and conversions: its journeys and what is kept of them. */
export const KEPT_TABLES = ["journeys", ...TABLES.map((t) => t.table), "key_visitors"] as const;

const MOVE = (t: Tally, where: string, sign: 1 | -1) => `
INSERT INTO ${t.table} (${[...t.key, ...t.sums].join(", ")})
${t.rows(where, sign)}
ON CONFLICT (${t.key.join(", ")}) DO UPDATE SET ${t.sums.map((c) => `${c} = ${c} + excluded.${c}`).join(", ")}`;

/** Each person's first and last touch of each key, and of any key (grouping and key '*'), from the journeys `where` selects. */
const INSERT_VISITORS = (where: string) => `
INSERT INTO key_visitors (site, group_by, key, profile_id, first_at, last_at)
SELECT site, group_by, key, profile_id, MIN(at), MAX(at) FROM (${EVERY_TOUCH(where)}) WHERE true GROUP BY profile_id, group_by, key
UNION ALL
SELECT j.site, '*', '*', j.profile_id, json_extract(j.times, '$[0]'), j.at FROM journeys j WHERE ${where} AND j.conversion = '*' AND j.n = -1`;

/** The profiles of a JSON array of ids bound as ?1. */
const BOUND_IDS = "SELECT value FROM json_each(?1)";
const OF_IDS = `j.profile_id IN (${BOUND_IDS})`;

/** Takes the journeys of the profiles `ids` (a JSON array) out of the sums and deletes them. */
export function removeJourneys(db: D1Database, ids: string): D1PreparedStatement[] {
  return [
    ...TALLIES.map((t) => db.prepare(MOVE(t, OF_IDS, -1)).bind(ids)),
    ...TABLES.map((t) => db.prepare(t.drop(OF_IDS)).bind(ids)),
    db.prepare(`DELETE FROM key_visitors WHERE profile_id IN (${BOUND_IDS})`).bind(ids),
    db.prepare(`DELETE FROM journeys WHERE profile_id IN (${BOUND_IDS})`).bind(ids),
  ];
}

/**
 * Rebuilds the journeys of the profiles `ids` (a JSON array) from their touches and conversions as they stand at this
 * point of the transaction, and moves the sums by the difference. Ids of profiles merged away or erased lose theirs.
 */
export function rebuildJourneys(db: D1Database, ids: string): D1PreparedStatement[] {
  return [
    ...removeJourneys(db, ids),
    db.prepare(INSERT_CONVERTING(BOUND_IDS)).bind(ids),
    db.prepare(INSERT_TAILS(BOUND_IDS)).bind(ids),
    ...TALLIES.map((t) => db.prepare(MOVE(t, OF_IDS, 1)).bind(ids)),
    db.prepare(INSERT_VISITORS(OF_IDS)).bind(ids),
  ];
}

/**
 * The same rebuild for every profile of a site, as one SQL script (the benchmark seeds touches and conversions straight
 * into SQLite and builds their journeys with it). `site` must be a plain identifier.
 */
export function rebuildSiteSql(site: string): string {
  if (!/^[\w-]+$/.test(site)) throw new Error(`not a plain site id: ${site}`);
  const ids = `SELECT profile_id FROM touches WHERE site = '${site}' UNION SELECT profile_id FROM conversions WHERE site = '${site}'`;
  return [
    ...KEPT_TABLES.map((table) => `DELETE FROM ${table} WHERE site = '${site}'`),
    INSERT_CONVERTING(ids),
    INSERT_TAILS(ids),
    ...TALLIES.map((t) => MOVE(t, `j.site = '${site}'`, 1)),
    INSERT_VISITORS(`j.site = '${site}'`),
  ].join(";\n") + ";";
}

/**
 * Builds the journeys of sites that had touches before journeys were kept (migration 0013 lists them), `pageSize`
 * profiles per transaction in seq order, at most `maxPages` transactions per call; a site is done when a page is empty.
 * Returns the profiles rebuilt. Until a site is done its reports count only the profiles built so far.
 */
export async function rebuildListedSites(db: D1Database, pageSize: number, maxPages: number): Promise<number> {
  let rebuilt = 0;
  for (let page = 0; page < maxPages; page++) {
    const next = await db.prepare("SELECT site, after FROM journey_rebuilds ORDER BY site LIMIT 1").first<{ site: string; after: number }>();
    if (!next) break;
    const ids = (await db.prepare("SELECT id, seq FROM profiles WHERE site = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3").bind(next.site, next.after, pageSize).all<{ id: string; seq: number }>()).results;
    if (ids.length === 0) {
      await db.prepare("DELETE FROM journey_rebuilds WHERE site = ?1").bind(next.site).run();
      continue;
    }
    await db.batch([
      ...rebuildJourneys(db, JSON.stringify(ids.map((r) => r.id))),
      db.prepare("UPDATE journey_rebuilds SET after = ?2 WHERE site = ?1").bind(next.site, ids[ids.length - 1]!.seq),
    ]);
    rebuilt += ids.length;
  }
  return rebuilt;
}

// ——— Reads ———

export interface JourneyQuery {
  site: string;
  /** lead, mql, sql, customer, or a custom event name */
  conversion: string;
  groupBy: GroupBy;
  /** conversions (non-converting tails: their last touch) in this range; absent = all time */
  from?: number;
  to?: number;
  /** markov's transitions */
  withSteps: boolean;
  /** each converting journey with its touch times (time_decay at another half-life than the kept one) */
  withTimes: boolean;
}

/** A key's credit under each kept model, and its Markov traffic. */
export interface KeyCredits {
  key: string;
  credits: Record<CreditedModel, { conversions: number; value: number }>;
  traffic: number;
}

export type CreditedModel = (typeof CREDITED_MODELS)[number];

export interface JourneyData {
  credits: KeyCredits[];
  steps: MarkovStep[] | null;
  timed: Journey[] | null;
}

/** The `conversion` column's value for a report's conversion name. */
export const conversionKey = (conversion: string) => (isStageConversion(conversion) ? conversion : `event:${conversion}`);

/**
 * How a range reads: the whole UTC days inside it from the day sums (`days`, a condition on `d.day`), and the
 * part-days at its ends — or the whole range when it lies within one day — from the journeys (`ends`, inclusive ms).
 */
export function rangeOf(q: Pick<JourneyQuery, "from" | "to">, args: unknown[]): { days: string; ends: [number, number][] } {
  if (q.from === undefined && q.to === undefined) return { days: "true", ends: [] };
  const from = q.from ?? -Number.MAX_SAFE_INTEGER;
  const to = q.to ?? Number.MAX_SAFE_INTEGER;
  const first = q.from === undefined ? -Infinity : Math.ceil(q.from / DAY_MS);
  const last = q.to === undefined ? Infinity : Math.floor((q.to + 1) / DAY_MS) - 1;
  if (first > last) return { days: "false", ends: from <= to ? [[from, to]] : [] };
  const parts: string[] = [];
  if (first !== -Infinity) parts.push(`d.day >= ?${args.push(first)}`);
  if (last !== Infinity) parts.push(`d.day <= ?${args.push(last)}`);
  const ends: [number, number][] = [];
  if (first !== -Infinity && from < first * DAY_MS) ends.push([from, first * DAY_MS - 1]);
  if (last !== Infinity && to >= (last + 1) * DAY_MS) ends.push([(last + 1) * DAY_MS, to]);
  return { days: parts.join(" AND "), ends };
}

/**
 * Sums of a day table over a range for a site, grouping (?2) and conversions (?3, a JSON array): its rows for the whole
 * days, and the same sums computed from the journeys of each part-day (`rows`, as the commit computes them).
 */
export function rangeSums(q: Pick<JourneyQuery, "site" | "groupBy" | "from" | "to">, conversions: string[], table: string, by: string[], sums: string[], rows: (where: string, sign: 1, groupings: readonly GroupBy[]) => string) {
  const args: unknown[] = [q.site, q.groupBy, JSON.stringify(conversions)];
  const range = rangeOf(q, args);
  const columns = [...by, ...sums].join(", ");
  const parts = [`SELECT ${columns} FROM ${table} d WHERE d.site = ?1 AND d.group_by = ?2 AND d.conversion IN (SELECT value FROM json_each(?3)) AND ${range.days}`];
  for (const [lo, hi] of range.ends) {
    const where = `j.site = ?1 AND j.conversion IN (SELECT value FROM json_each(?3)) AND j.at >= ?${args.push(lo)} AND j.at <= ?${args.push(hi)}`;
    parts.push(`SELECT ${columns} FROM (${rows(where, 1, [q.groupBy])})`);
  }
  const sql = `SELECT ${by.join(", ")}, ${sums.map((c) => `SUM(${c}) AS ${c}`).join(", ")} FROM (${parts.join("\nUNION ALL\n")}) GROUP BY ${by.join(", ")}`;
  return { sql, args };
}

/**
 * Where journeys `j` read one by one come from and what each is worth: the value kept with it, or (money) one worked
 * out from the person `p` that `from` joins; `where` narrows them further.
 */
export interface Valued {
  from: string;
  value: string;
  currency: string;
  where: string;
}
const KEPT_VALUE: Valued = { from: "journeys j", value: "j.value", currency: "j.currency", where: "true" };

/** Each converting journey of `conversions` in the range with its touches' times and its value. */
export function timedJourneys(q: Pick<JourneyQuery, "site" | "groupBy" | "from" | "to">, conversions: string[], valued: Valued = KEPT_VALUE): { sql: string; args: unknown[] } {
  const args: unknown[] = [q.site, JSON.stringify(conversions)];
  const sql = `SELECT j.conversion, j.${q.groupBy}_path AS path, j.direct, j.times, j.at, ${valued.value} AS value, ${valued.currency} AS currency FROM ${valued.from}
WHERE j.site = ?1 AND j.conversion IN (SELECT value FROM json_each(?2)) AND j.conversions > 0 AND ${inRange(q, "j.at", args)} AND ${valued.where}`;
  return { sql, args };
}

export function timedJourneyOf(r: Row): Journey {
  const keys = JSON.parse(String(r.path)) as string[];
  const direct = JSON.parse(String(r.direct)) as number[];
  const times = JSON.parse(String(r.times)) as number[];
  return {
    touches: keys.map((key, i) => ({ key, channel: direct[i] ? DIRECT : "", at: times[i]! })),
    conversions: 1, value: num(r.value), nulls: 0, at: num(r.at),
  };
}

/**
 * What a report of one conversion reads: each key's credits under the kept models (and Markov traffic, the tails'
 * included), Markov's transitions when asked, and the converting journeys with their times when asked.
 */
export async function journeysFor(db: D1Database, q: JourneyQuery): Promise<JourneyData> {
  const conversion = conversionKey(q.conversion);
  const reads = [rangeSums(q, [conversion, "*"], "journey_credits", ["key"], CREDIT_SUMS, ALL_CREDIT_ROWS)];
  if (q.withSteps) reads.push(rangeSums(q, [conversion, "*"], "journey_steps", ["from_key", "to_key"], ["weight"], STEP_ROWS));
  if (q.withTimes) reads.push(timedJourneys(q, [conversion]));
  const results = await db.batch<Row>(reads.map((r) => db.prepare(r.sql).bind(...r.args)));
  const credits = results[0]!.results.map((r) => ({
    key: String(r.key),
    credits: Object.fromEntries(CREDITED_MODELS.map((m) => [m, { conversions: num(r[m]), value: num(r[`${m}_value`]) }])) as KeyCredits["credits"],
    traffic: num(r.traffic),
  }));
  const steps = q.withSteps
    ? results[1]!.results.filter((r) => Math.abs(num(r.weight)) > 1e-9).map((r) => ({ from: String(r.from_key), to: String(r.to_key), weight: num(r.weight) }))
    : null;
  const timed = q.withTimes ? results[results.length - 1]!.results.map(timedJourneyOf) : null;
  return { credits, steps, timed };
}
