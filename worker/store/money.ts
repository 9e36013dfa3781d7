// The money report's reads, in one D1 batch, all from what is kept per day or per person (store/journeys.ts) — never
// every touch: the chosen model's credits per conversion kind, key and currency; what junk leads and deals credit each
// key, worked out from the people as they stand now (only those journeys are read); Markov's transitions; sessions per
// day and key; visitors from each person's first and last touch of each key; the days from first touch to lead and to
// customer; costs.
import { type Disposition, type GroupBy, type Model, type QualityStatus } from "../../schema/vocabulary";
import { DEFAULT_HALF_LIFE_DAYS } from "../core/attribution";
import { MONEY_CONVERSIONS, type CostTotal, type Delay, type KeptCredit, type KeptStep, type MoneyConversion, type TimedJourney, type Traffic } from "../core/money/inputs";
import { utcDay } from "../core/time";
import { KEY, num, type Row } from "./sql";
import { costTotalsStatement } from "./costs";
import { ALL_CREDIT_ROWS, DELAY_ROWS, DELAY_STAGES, rangeOf, rangeSums, STEP_ROWS, timedJourneyOf, timedJourneys, type Valued } from "./journeys";

export interface MoneyQuery {
  site: string;
  groupBy: GroupBy;
  /** conversion times, and touch times for traffic, in this range; absent = all time */
  from?: number;
  to?: number;
  model: Model;
  /** time decay's half-life when not the kept one: every converting journey is read with its touches' times */
  halfLifeDays?: number;
}

export interface MoneyData {
  kept: KeptCredit[];
  /** junk leads and customers with a deal, valued now (empty when `timed` has every journey) */
  valued: TimedJourney[];
  steps: KeptStep[] | null;
  timed: TimedJourney[] | null;
  traffic: Traffic;
  delays: Delay[];
  costs: CostTotal[];
}

/** A lead is junk when its quality says so or the CRM did. */
const JUNK = "junk" satisfies QualityStatus & Disposition;
const IS_JUNK = `(p.quality = '${JUNK}' OR p.disposition = '${JUNK}')`;
/** A deal counts with its amount and its currency (profile rows always have both or neither). */
const HAS_DEAL = "(p.deal_amount IS NOT NULL AND p.deal_currency IS NOT NULL)";

/** A journey's value: junk leads count 1, customers their deal (in its currency), orders their own amount. */
const VALUE = `CASE j.conversion WHEN 'lead' THEN ${IS_JUNK} WHEN 'customer' THEN CASE WHEN ${HAS_DEAL} THEN p.deal_amount ELSE 0 END WHEN 'orders' THEN j.value ELSE 0 END`;
const CURRENCY = `CASE j.conversion WHEN 'customer' THEN COALESCE(p.deal_currency, '') WHEN 'orders' THEN j.currency ELSE '' END`;

/** Every converting journey, valued (time decay at another half-life than the kept one reads them all). */
const EVERY_JOURNEY: Valued = { from: "journeys j LEFT JOIN profiles p ON p.id = j.profile_id", value: VALUE, currency: CURRENCY, where: "true" };

/**
 * The junk leads and the customers with a deal, read from those people as they stand now: a small share of a site's
 * journeys, whose model shares are worked out in the Worker. The people come first, through the partial index
 * profiles_valued (migration 0015), whose condition this repeats word for word.
 */
const VALUED_JOURNEYS: Valued = {
  from: "profiles p CROSS JOIN journeys j ON j.profile_id = p.id",
  value: VALUE,
  currency: CURRENCY,
  where: `p.site = ?1 AND (p.quality = '${JUNK}' OR p.disposition = '${JUNK}' OR p.deal_amount IS NOT NULL)
  AND ((j.conversion = 'lead' AND ${IS_JUNK}) OR (j.conversion = 'customer' AND ${HAS_DEAL}))`,
};

/** Markov's totals come from any model's credits (they all add up to the conversions): first touch's. */
const creditColumnOf = (model: Model) => (model === "markov" ? "first_touch" : model);

/** Touches per key in the range: whole days from their kept sums, part-days at the ends from the touches. */
function sessions(q: MoneyQuery): { sql: string; args: unknown[] } {
  const args: unknown[] = [q.site, q.groupBy];
  const range = rangeOf(q, args);
  const parts = [`SELECT d.key, d.sessions FROM touch_days d WHERE d.site = ?1 AND d.group_by = ?2 AND ${range.days}`];
  for (const [lo, hi] of range.ends) parts.push(`SELECT ${KEY[q.groupBy]}, 1 FROM touches t WHERE t.site = ?1 AND t.at >= ?${args.push(lo)} AND t.at <= ?${args.push(hi)}`);
  return { sql: `SELECT key, SUM(sessions) AS sessions FROM (${parts.join("\nUNION ALL\n")}) GROUP BY key`, args };
}

/**
 * People with a touch of a key (grouping '*': of any key) in the range. Whoever's first or last touch of it falls in
 * the range is one; whoever's first comes after it or last before it is not; only those whose touches of it straddle
 * the range are looked up in their own touches.
 */
function visitors(q: MoneyQuery, groupBy: GroupBy | "*"): { sql: string; args: unknown[] } {
  const args: unknown[] = [q.site, groupBy];
  const parts: string[] = [];
  const to = q.to === undefined ? null : `?${args.push(q.to)}`;
  const from = q.from === undefined ? null : `?${args.push(q.from)}`;
  if (to) parts.push(`v.first_at <= ${to}`);
  if (from) parts.push(`v.last_at >= ${from}`);
  if (from && to) {
    const sameKey = groupBy === "*" ? "" : ` AND ${KEY[groupBy]} = v.key`;
    parts.push(`(v.first_at >= ${from} OR v.last_at <= ${to} OR EXISTS (SELECT 1 FROM touches t WHERE t.profile_id = v.profile_id AND t.at >= ${from} AND t.at <= ${to}${sameKey}))`);
  }
  const sql = `SELECT v.key, COUNT(*) AS visitors FROM key_visitors v WHERE v.site = ?1 AND v.group_by = ?2 AND ${parts.join(" AND ") || "true"} GROUP BY v.key`;
  return { sql, args };
}

const timedJourneyFrom = (r: Row): TimedJourney => ({ conversion: String(r.conversion) as MoneyConversion, journey: timedJourneyOf(r), currency: String(r.currency) });

const kinds = (withEveryTouch: boolean) => [...MONEY_CONVERSIONS, ...(withEveryTouch ? ["*"] : [])];

export async function moneyDataFor(db: D1Database, q: MoneyQuery): Promise<MoneyData> {
  const otherHalfLife = q.model === "time_decay" && q.halfLifeDays !== undefined && q.halfLifeDays !== DEFAULT_HALF_LIFE_DAYS;
  const markov = q.model === "markov";
  const column = creditColumnOf(q.model);
  const reads = {
    kept: rangeSums(q, kinds(markov), "journey_credits", ["conversion", "key", "currency"], [...new Set([column, `${column}_value`, "traffic", "linear"])], ALL_CREDIT_ROWS),
    valued: otherHalfLife ? null : timedJourneys(q, ["lead", "customer"], VALUED_JOURNEYS),
    steps: markov ? rangeSums(q, kinds(true), "journey_steps", ["conversion", "from_key", "to_key"], ["weight"], STEP_ROWS) : null,
    timed: otherHalfLife ? timedJourneys(q, [...MONEY_CONVERSIONS], EVERY_JOURNEY) : null,
    delays: rangeSums(q, [...DELAY_STAGES], "stage_delays", ["conversion", "key", "delay"], ["profiles"], DELAY_ROWS),
    sessions: sessions(q),
    visitors: visitors(q, q.groupBy),
    everyone: visitors(q, "*"),
  };
  const names = (Object.keys(reads) as (keyof typeof reads)[]).filter((k) => reads[k] !== null);
  const range = { from: q.from === undefined ? undefined : utcDay(q.from), to: q.to === undefined ? undefined : utcDay(q.to) };
  const results = await db.batch<Row>([...names.map((k) => db.prepare(reads[k]!.sql).bind(...reads[k]!.args)), costTotalsStatement(db, q.site, range)]);
  const out = Object.fromEntries(names.map((k, i) => [k, results[i]!.results])) as Partial<Record<keyof typeof reads, Row[]>>;

  const visitorsOf = new Map(out.visitors!.map((r) => [String(r.key), num(r.visitors)]));
  return {
    kept: out.kept!.map((r) => ({
      conversion: String(r.conversion) as MoneyConversion | "*", key: String(r.key), currency: String(r.currency),
      conversions: num(r[column]), value: num(r[`${column}_value`]), traffic: num(r.traffic), onPath: num(r.linear),
    })),
    valued: out.valued ? out.valued.map(timedJourneyFrom) : [],
    steps: out.steps ? out.steps.map((r) => ({ conversion: String(r.conversion) as KeptStep["conversion"], from: String(r.from_key), to: String(r.to_key), weight: num(r.weight) })) : null,
    timed: out.timed ? out.timed.map(timedJourneyFrom) : null,
    traffic: {
      keys: out.sessions!.filter((r) => num(r.sessions) > 0).map((r) => ({ key: String(r.key), sessions: num(r.sessions), visitors: visitorsOf.get(String(r.key)) ?? 0 })),
      visitors: num(out.everyone![0]?.visitors),
    },
    delays: out.delays!.filter((r) => num(r.profiles) > 0).map((r) => ({
      key: String(r.key),
      toLead: r.conversion === "lead" ? num(r.delay) : null,
      toCustomer: r.conversion === "customer" ? num(r.delay) : null,
      profiles: num(r.profiles),
    })),
    costs: results[results.length - 1]!.results.map((r) => ({ source: String(r.source), medium: String(r.medium), campaign: String(r.campaign), currency: String(r.currency), amount: num(r.amount) })),
  };
}
