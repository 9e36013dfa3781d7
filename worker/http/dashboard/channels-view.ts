// The Channels page's arithmetic: date presets, the period before, how each metric reads (money in the site's
// currency), the change since the period before, and which rows hold nothing worth a line. The numbers themselves
// come from services/channels.ts, as the API's do.
import { CHANNEL_METRICS, type ChannelMetric } from "../../../schema/vocabulary";
import { NO_FIGURES, type ChannelFigures, type ChannelRow } from "../../core/money/report";
import { utcDay } from "../../core/time";
import { dayStartMs, type DateRange } from "./date-range";
import { DAY_MS } from "../../core/time";


export interface Preset {
  id: string;
  label: string;
  from: string;
  to: string;
}

/** The last 7, 30 and 90 days up to today, and this calendar quarter so far (UTC). */
export function presetsOf(now: number): Preset[] {
  const today = dayStartMs(utcDay(now))!;
  const last = (days: number): Preset => ({ id: `${days}d`, label: `Last ${days} days`, from: utcDay(today - (days - 1) * DAY_MS), to: utcDay(today) });
  const d = new Date(today);
  const quarterStart = Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1);
  return [last(7), last(30), last(90), { id: "quarter", label: "This quarter", from: utcDay(quarterStart), to: utcDay(today) }];
}

/** The same number of days just before the range. */
export function previousRange(range: DateRange): { from: string; to: string; fromMs: number; toMs: number } {
  const length = range.days.length * DAY_MS;
  return { from: utcDay(range.fromMs - length), to: utcDay(range.fromMs - DAY_MS), fromMs: range.fromMs - length, toMs: range.fromMs - 1 };
}

/** Costs and delays are better lower; everything else higher. */
const LOWER_IS_BETTER: ReadonlySet<ChannelMetric> = new Set(["cost", "cost_per_lead", "cac", "junk_share", "median_days_to_lead", "median_days_to_customer"]);

export type MetricFormat = (metric: ChannelMetric, value: number | null) => string;

/** Fixed locale, the site's currency for money. */
export function metricFormat(currency: string): MetricFormat {
  const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
  const credit = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
  const money = new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const oneDecimal = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return (metric, value) => {
    if (value === null) return "–";
    switch (CHANNEL_METRICS[metric].kind) {
      case "count":
        return whole.format(value);
      case "credit":
        return credit.format(value);
      case "money":
        return money.format(value);
      case "multiple":
        return `${oneDecimal.format(value)}×`;
      case "share":
        return `${oneDecimal.format(value * 100)}%`;
      case "days":
        return `${oneDecimal.format(value)} d`;
    }
  };
}

export interface Delta {
  text: string;
  /** "better" or "worse" for the business, none when unchanged */
  tone: "better" | "worse" | null;
}

/** The change since the period before, in the metric's own unit (shares in percentage points); null when either side is missing. */
export function deltaOf(metric: ChannelMetric, now: number | null, before: number | null, format: MetricFormat): Delta | null {
  if (now === null || before === null) return null;
  const change = Math.round((now - before) * 1e6) / 1e6;
  const kind = CHANNEL_METRICS[metric].kind;
  const size = kind === "share" ? `${format("leads", Math.abs(change) * 100)} pts` : format(metric, Math.abs(change));
  if (change === 0) return { text: `±${size}`, tone: null };
  const up = change > 0;
  return { text: `${up ? "+" : "−"}${size}`, tone: up !== LOWER_IS_BETTER.has(metric) ? "better" : "worse" };
}

/** Nothing credited and no cost: sessions alone do not earn a row its place. */
export function isZeroRow(row: ChannelFigures): boolean {
  return row.leads === 0 && row.mqls === 0 && row.sqls === 0 && row.customers === 0 && row.orders === 0 && row.revenue === 0 && row.cost === 0;
}

/** The period before's figures of a key; a key it did not have had nothing then. */
export function figuresBefore(rows: readonly ChannelRow[]): (key: string) => ChannelFigures {
  const byKey = new Map<string, ChannelFigures>(rows.map((r) => [r.key, r]));
  return (key) => byKey.get(key) ?? NO_FIGURES;
}
