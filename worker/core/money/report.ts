// The channel report (CONTRACT §11, docs/MONEY.md): per channel, source or campaign, the conversions and revenue the
// model credits, the traffic, the cost, and the ratios a marketer decides on. Pure: credits, traffic, delays and costs in.
import type { ChannelMetric, GroupBy, Model } from "../../../schema/vocabulary";
import type { AttributionResult } from "../attribution";
import { costsByKey } from "./cost-keys";
import type { ReportingCurrency } from "./fx";
import { MONEY_CONVERSIONS, type CostTotal, type Delay, type MoneyConversion, type Traffic } from "./inputs";
import { weightedMedian } from "./median";
import { DAY_MS } from "../time";

export interface ChannelFigures {
  sessions: number;
  visitors: number;
  leads: number;
  mqls: number;
  sqls: number;
  customers: number;
  orders: number;
  revenue: number;
  cost: number;
  cost_per_lead: number | null;
  cac: number | null;
  roas: number | null;
  lead_rate: number | null;
  junk_share: number | null;
  mql_rate: number | null;
  sql_rate: number | null;
  customer_rate: number | null;
  median_days_to_lead: number | null;
  median_days_to_customer: number | null;
}

export interface ChannelRow extends ChannelFigures {
  key: string;
}

// The figures are exactly the metrics the vocabulary names (a compile error here means the two lists differ).
type SameKeys<A, B> = [Exclude<keyof A, keyof B>, Exclude<keyof B, keyof A>] extends [never, never] ? true : never;
const FIGURES_ARE_METRICS: SameKeys<ChannelFigures, Record<ChannelMetric, unknown>> = true;
void FIGURES_ARE_METRICS;

export interface ChannelReport {
  model: Model;
  group_by: GroupBy;
  currency: string;
  rows: ChannelRow[];
  totals: ChannelFigures;
  /** currencies of deals, orders or costs without a rate: their amounts are left out */
  missing_rates: string[];
}

export interface ChannelReportInput {
  model: Model;
  groupBy: GroupBy;
  money: ReportingCurrency;
  /** each kind's conversions and value (in the reporting currency) credited by the model (credits.ts) */
  credited: Record<MoneyConversion, AttributionResult>;
  /** currencies already met without a rate (credits.ts); costs add theirs */
  missingRates: ReadonlySet<string>;
  traffic: Traffic;
  delays: readonly Delay[];
  costs: readonly CostTotal[];
}

/** Six decimals, as the attribution report prints credits; -0 reads as 0. */
const round = (x: number) => Math.round(x * 1e6) / 1e6 + 0;

/** a / b, or null when b is 0 (nothing to divide by). */
const ratio = (a: number, b: number): number | null => (b === 0 ? null : round(a / b));

interface Sums {
  sessions: number;
  visitors: number;
  credits: Record<MoneyConversion, number>;
  revenue: number;
  junk: number;
  cost: number;
  delays: readonly Pick<Delay, "toLead" | "toCustomer" | "profiles">[];
}

function figuresOf(s: Sums): ChannelFigures {
  const c = s.credits;
  const days = (pick: "toLead" | "toCustomer") => {
    const median = weightedMedian(s.delays.flatMap((d) => (d[pick] === null ? [] : [{ value: d[pick]!, weight: d.profiles }])));
    return median === null ? null : round(median / DAY_MS);
  };
  return {
    sessions: s.sessions,
    visitors: s.visitors,
    leads: round(c.lead),
    mqls: round(c.mql),
    sqls: round(c.sql),
    customers: round(c.customer),
    orders: round(c.orders),
    revenue: round(s.revenue),
    cost: round(s.cost),
    cost_per_lead: ratio(s.cost, c.lead),
    cac: ratio(s.cost, c.customer),
    roas: ratio(s.revenue, s.cost),
    lead_rate: ratio(c.lead, s.visitors),
    junk_share: ratio(s.junk, c.lead),
    mql_rate: ratio(c.mql, c.lead),
    sql_rate: ratio(c.sql, c.mql),
    customer_rate: ratio(c.customer, c.sql),
    median_days_to_lead: days("toLead"),
    median_days_to_customer: days("toCustomer"),
  };
}

/** The figures of a key that had nothing at all (a key absent from a period: zeros, and no ratios). */
export const NO_FIGURES: ChannelFigures = figuresOf({
  sessions: 0, visitors: 0, credits: { lead: 0, mql: 0, sql: 0, customer: 0, orders: 0 }, revenue: 0, junk: 0, cost: 0, delays: [],
});

/**
 * Conversions and revenue come credited by the model (each kind attributed on its own journeys, so every column adds
 * up to its total); sessions and visitors are counted; costs are matched to keys (cost-keys.ts); ratios follow.
 */
export function channelReport(input: ChannelReportInput): ChannelReport {
  const { credited, traffic } = input;
  const missingRates = new Set(input.missingRates);

  const keys = new Set<string>();
  for (const kind of MONEY_CONVERSIONS) for (const row of credited[kind].rows) keys.add(row.key);
  for (const t of traffic.keys) keys.add(t.key);
  for (const d of input.delays) keys.add(d.key);
  const costs = costsByKey(input.costs, input.groupBy, input.money, keys, missingRates);
  for (const key of costs.keys()) keys.add(key);

  const creditOf = new Map<string, Record<MoneyConversion, { conversions: number; value: number }>>();
  const zero = () => Object.fromEntries(MONEY_CONVERSIONS.map((k) => [k, { conversions: 0, value: 0 }])) as Record<MoneyConversion, { conversions: number; value: number }>;
  for (const key of keys) creditOf.set(key, zero());
  for (const kind of MONEY_CONVERSIONS) for (const row of credited[kind].rows) creditOf.get(row.key)![kind] = row;
  const trafficOf = new Map(traffic.keys.map((t) => [t.key, t]));
  const delaysOf = new Map<string, Delay[]>();
  for (const d of input.delays) delaysOf.set(d.key, [...(delaysOf.get(d.key) ?? []), d]);

  const rows: ChannelRow[] = [...keys].map((key) => {
    const credit = creditOf.get(key)!;
    return {
      key,
      ...figuresOf({
        sessions: trafficOf.get(key)?.sessions ?? 0,
        visitors: trafficOf.get(key)?.visitors ?? 0,
        credits: Object.fromEntries(MONEY_CONVERSIONS.map((k) => [k, credit[k].conversions])) as Record<MoneyConversion, number>,
        revenue: credit.customer.value + credit.orders.value,
        junk: credit.lead.value,
        cost: costs.get(key) ?? 0,
        delays: delaysOf.get(key) ?? [],
      }),
    };
  });
  rows.sort((a, b) => b.leads - a.leads || b.cost - a.cost || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  const totals = figuresOf({
    sessions: traffic.keys.reduce((s, t) => s + t.sessions, 0),
    visitors: traffic.visitors,
    credits: Object.fromEntries(MONEY_CONVERSIONS.map((k) => [k, credited[k].total_conversions])) as Record<MoneyConversion, number>,
    revenue: credited.customer.total_value + credited.orders.total_value,
    junk: credited.lead.total_value,
    cost: [...costs.values()].reduce((s, x) => s + x, 0),
    delays: input.delays,
  });
  return { model: input.model, group_by: input.groupBy, currency: input.money.currency, rows, totals, missing_rates: [...missingRates].sort() };
}
