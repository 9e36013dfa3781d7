// The money report's reads, in one D1 batch: paths of the profiles that reached a stage (all four stages from one pass,
// aggregated by path), orders' journeys, first-touch delays, costs, and either the traffic per key or — for Markov —
// every profile's in-range path, which gives both the non-converting tails and the traffic. The journey rules are those
// of store/attribution.ts and core/attribution/journeys.ts (tested equal in test/workers/money-report.test.ts).
import { STAGE_CONVERSIONS, type Disposition, type GroupBy, type QualityStatus, type StageConversion } from "../../schema/vocabulary";
import type { JourneyTouch } from "../core/attribution";
import type { CostTotal, Delay, FunnelPath, MoneyConversion, OrderPath, TailPath, Traffic } from "../core/money/inputs";
import { utcDay } from "../core/time";
import { convertingFrom, element, inRange, KEY, num, STAGE_LIST, touchesOf, type Row } from "./attribution";
import { costTotalsStatement } from "./costs";

export interface MoneyQuery {
  site: string;
  groupBy: GroupBy;
  /** conversion times (and, for traffic and tails, touch times) in this range; absent = all time */
  from?: number;
  to?: number;
  /** time_decay needs each touch's time and each conversion's */
  withTimes: boolean;
  /** markov needs the non-converting tails (which then also give the traffic) */
  withTails: boolean;
}

/**
 * How traffic and tails filter touches by time. SQLite reaches a time range through the (site, at) index, one table
 * look-up per touch: quick for a range that holds a small share of the site's touches, four to five times slower than
 * reading the site's rows in order when it holds most of them (measured at 1M touches). "scan" reads them in order.
 */
type TouchAccess = "index" | "scan";

/** Past this share of the site's history in the range, reading every touch beats the index. */
const SCAN_SHARE = 0.25;

/** The share of the time since the site's first touch that the range covers (touches spread evenly, roughly). */
async function touchAccessOf(db: D1Database, q: MoneyQuery, now: number): Promise<TouchAccess> {
  if (q.from === undefined && q.to === undefined) return "scan";
  const first = (await db.prepare("SELECT MIN(at) AS at FROM touches WHERE site = ?1").bind(q.site).first<{ at: number | null }>())?.at;
  if (first === null || first === undefined || now <= first) return "scan";
  const covered = Math.min(q.to ?? now, now) - Math.max(q.from ?? first, first);
  return covered / (now - first) > SCAN_SHARE ? "scan" : "index";
}

/** The touch-time column as the access wants it: `+t.at` keeps SQLite off the (site, at) index. */
const touchTime = (access: TouchAccess) => (access === "scan" ? "+t.at" : "t.at");

export interface MoneyData {
  funnel: FunnelPath[];
  orders: OrderPath[];
  tails: TailPath[] | null;
  traffic: Traffic | null;
  delays: Delay[];
  costs: CostTotal[];
}

/** A lead is junk when its quality says so or the CRM did. */
const JUNK = "junk" satisfies QualityStatus & Disposition;

/** Orders: custom conversions whose event carried a currency (schema/migrations/0009_money.sql). */
const ORDERS = "kind = 'event' AND currency IS NOT NULL";

const STAGE_TIMES = STAGE_CONVERSIONS.map((s) => `MIN(CASE WHEN kind = '${s}' THEN at END) AS ${s}_at`).join(", ");

/** Each profile's first time at each stage, any time (a merge may have brought two of one stage). */
const STAGES = `SELECT profile_id, ${STAGE_TIMES} FROM conversions WHERE site = ?1 AND kind IN (${STAGE_LIST}) GROUP BY profile_id`;

/** `column` is set and in the range. */
function within(q: MoneyQuery, column: string, args: unknown[]): string {
  return `${column} IS NOT NULL AND ${inRange(q, column, args)}`;
}

/** How many touches of the profile `g.profile_id` come at or before `time` (null when `time` is), optionally in the range. */
function touchesUpTo(time: string, range: string): string {
  return `CASE WHEN ${time} IS NULL THEN NULL ELSE (SELECT COUNT(*) FROM touches t WHERE t.profile_id = g.profile_id AND ${range} AND t.at <= ${time}) END`;
}

function funnel(q: MoneyQuery): { sql: string; args: unknown[] } {
  const args: unknown[] = [q.site];
  const inRangeTimes = STAGE_CONVERSIONS.map((s) => `CASE WHEN ${within(q, `s.${s}_at`, args)} THEN s.${s}_at END AS ${s}_at`).join(", ");
  const latest = `MAX(${STAGE_CONVERSIONS.map((s) => `COALESCE(f.${s}_at, -1)`).join(", ")})`;
  const marks = STAGE_CONVERSIONS.map((s) => `${s}_n`).join(", ");
  const times = q.withTimes ? STAGE_CONVERSIONS.map((s) => `, ${s}_at`).join("") : "";
  const gTimes = q.withTimes ? STAGE_CONVERSIONS.map((s) => `, g.${s}_at`).join("") : "";
  const sql = `
WITH s AS (${STAGES}),
f AS (SELECT s.profile_id, ${inRangeTimes} FROM s),
g AS (SELECT f.*, ${latest} AS latest FROM f WHERE ${STAGE_CONVERSIONS.map((s) => `${s}_at IS NOT NULL`).join(" OR ")})
SELECT path, ${marks}, junk, currency, COUNT(*) AS profiles, SUM(deal) AS deal${times} FROM (
  SELECT COALESCE((SELECT group_concat(${element(q.groupBy, q.withTimes)}, char(31) ORDER BY t.at, t.id) FROM touches t
                   WHERE t.profile_id = g.profile_id AND t.at <= g.latest), '') AS path,
         ${STAGE_CONVERSIONS.map((s) => `${touchesUpTo(`g.${s}_at`, "true")} AS ${s}_n`).join(", ")},
         CASE WHEN p.quality = '${JUNK}' OR p.disposition = '${JUNK}' THEN 1 ELSE 0 END AS junk,
         CASE WHEN g.customer_at IS NULL THEN NULL ELSE p.deal_currency END AS currency,
         CASE WHEN g.customer_at IS NULL THEN NULL ELSE p.deal_amount END AS deal${gTimes}
  FROM g LEFT JOIN profiles p ON p.id = g.profile_id
) GROUP BY path, ${marks}, junk, currency${times}`;
  return { sql, args };
}

/** Materialized: the first touch is looked up once per profile, not once per use (which halves the time at 100k). */
function delays(q: MoneyQuery): { sql: string; args: unknown[] } {
  const args: unknown[] = [q.site];
  const first = (what: string) => `(SELECT ${what} FROM touches t WHERE t.profile_id = f.profile_id ORDER BY t.at, t.id LIMIT 1)`;
  const sql = `
WITH s AS (${STAGES}),
f AS (SELECT s.profile_id, CASE WHEN ${within(q, "s.lead_at", args)} THEN s.lead_at END AS lead_at,
             CASE WHEN ${within(q, "s.customer_at", args)} THEN s.customer_at END AS customer_at FROM s),
g AS MATERIALIZED (SELECT f.*, ${first("t.at")} AS first_at, ${first(KEY[q.groupBy])} AS key FROM f WHERE lead_at IS NOT NULL OR customer_at IS NOT NULL)
SELECT key, to_lead, to_customer, COUNT(*) AS profiles FROM (
  SELECT key, CASE WHEN lead_at >= first_at THEN lead_at - first_at END AS to_lead,
         CASE WHEN customer_at >= first_at THEN customer_at - first_at END AS to_customer
  FROM g WHERE first_at IS NOT NULL
) WHERE to_lead IS NOT NULL OR to_customer IS NOT NULL GROUP BY key, to_lead, to_customer`;
  return { sql, args };
}

/** Every profile's touches in the range, with how many come at or before each stage and its last order. */
function tails(q: MoneyQuery, access: TouchAccess): { sql: string; args: unknown[] } {
  const args: unknown[] = [q.site];
  const kinds: MoneyConversion[] = [...STAGE_CONVERSIONS, "orders"];
  const marks = kinds.map((k) => `${k}_n`).join(", ");
  const sql = `
WITH m AS (
  SELECT profile_id, ${STAGE_TIMES}, MAX(CASE WHEN kind = 'event' THEN at END) AS orders_at
  FROM conversions WHERE site = ?1 AND (kind IN (${STAGE_LIST}) OR (${ORDERS})) GROUP BY profile_id
),
g AS (
  SELECT t.profile_id, group_concat(${element(q.groupBy, false)}, char(31) ORDER BY t.at, t.id) AS path
  FROM touches t WHERE t.site = ?1 AND ${inRange(q, touchTime(access), args)} GROUP BY t.profile_id
)
SELECT path, ${marks}, COUNT(*) AS profiles FROM (
  SELECT g.path, ${kinds.map((k) => `${touchesUpTo(`m.${k}_at`, inRange(q, "t.at", args))} AS ${k}_n`).join(", ")}
  FROM g LEFT JOIN m ON m.profile_id = g.profile_id
) GROUP BY path, ${marks}`;
  return { sql, args };
}

function traffic(q: MoneyQuery, access: TouchAccess): { sql: string; args: unknown[] }[] {
  const perKey: unknown[] = [q.site];
  const all: unknown[] = [q.site];
  const at = touchTime(access);
  return [
    { sql: `SELECT ${KEY[q.groupBy]} AS key, COUNT(*) AS sessions, COUNT(DISTINCT t.profile_id) AS visitors FROM touches t WHERE t.site = ?1 AND ${inRange(q, at, perKey)} GROUP BY key`, args: perKey },
    { sql: `SELECT COUNT(DISTINCT t.profile_id) AS visitors FROM touches t WHERE t.site = ?1 AND ${inRange(q, at, all)}`, args: all },
  ];
}

const orders = (q: MoneyQuery) => convertingFrom(q, { sql: `SELECT profile_id, at, value, currency FROM conversions WHERE site = ?1 AND ${ORDERS}`, args: [] }, true);

/** A stored path as touches; a profile with no touch at all has none (its stages' journeys read as "(none)"). */
const pathTouches = (path: string): JourneyTouch[] => (path === "" ? [] : touchesOf(path, 0));

const maybe = (x: unknown) => (x === null || x === undefined ? null : num(x));

function funnelPathOf(r: Row): FunnelPath {
  const stages: FunnelPath["stages"] = {};
  for (const s of STAGE_CONVERSIONS) {
    const n = maybe(r[`${s}_n`]);
    if (n !== null) stages[s as StageConversion] = { touches: n, at: num(r[`${s}_at`]) };
  }
  const profiles = num(r.profiles);
  const deal = typeof r.currency === "string" && r.deal !== null ? { amount: num(r.deal), currency: r.currency } : null;
  return { touches: pathTouches(String(r.path)), stages, profiles, junk: num(r.junk) ? profiles : 0, deal };
}

function tailPathOf(r: Row): TailPath {
  const upTo = Object.fromEntries([...STAGE_CONVERSIONS, "orders"].map((k) => [k, maybe(r[`${k}_n`])])) as TailPath["upTo"];
  return { touches: pathTouches(String(r.path)), upTo, profiles: num(r.profiles) };
}

export async function moneyDataFor(db: D1Database, q: MoneyQuery, now: number): Promise<MoneyData> {
  const access = await touchAccessOf(db, q, now);
  const reads = [funnel(q), orders(q), delays(q), ...(q.withTails ? [tails(q, access)] : traffic(q, access))];
  const range = { from: q.from === undefined ? undefined : utcDay(q.from), to: q.to === undefined ? undefined : utcDay(q.to) };
  const [f, o, d, c, a, b] = await db.batch<Row>([
    ...reads.slice(0, 3).map((r) => db.prepare(r.sql).bind(...r.args)),
    costTotalsStatement(db, q.site, range),
    ...reads.slice(3).map((r) => db.prepare(r.sql).bind(...r.args)),
  ]);
  return {
    funnel: f!.results.map(funnelPathOf),
    orders: o!.results.map((r) => ({
      journey: { touches: touchesOf(String(r.path), num(r.at)), conversions: num(r.conversions), value: num(r.value), nulls: 0, at: num(r.at) },
      currency: String(r.currency),
    })),
    delays: d!.results.map((r) => ({ key: String(r.key), toLead: maybe(r.to_lead), toCustomer: maybe(r.to_customer), profiles: num(r.profiles) })),
    costs: c!.results.map((r) => ({ source: String(r.source), medium: String(r.medium), campaign: String(r.campaign), currency: String(r.currency), amount: num(r.amount) })),
    tails: q.withTails ? a!.results.map(tailPathOf) : null,
    traffic: q.withTails ? null : { keys: a!.results.map((r) => ({ key: String(r.key), sessions: num(r.sessions), visitors: num(r.visitors) })), visitors: num(b!.results[0]?.visitors) },
  };
}
