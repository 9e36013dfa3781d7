// The journeys of each conversion kind, cut from the aggregated paths, with the value each kind credits: junk leads
// for leads, deals for customers (in the reporting currency), order revenue for orders.
import { STAGE_CONVERSIONS, type StageConversion } from "../../../schema/vocabulary";
import type { Journey } from "../attribution";
import { inReportingCurrency, type ReportingCurrency } from "./fx";
import type { FunnelPath, MoneyConversion, OrderPath, TailPath } from "./inputs";

export const MONEY_CONVERSIONS: readonly MoneyConversion[] = [...STAGE_CONVERSIONS, "orders"];

export interface Valued {
  journeys: Journey[];
  /** currencies met without a rate: their amounts count as 0 */
  missingRates: Set<string>;
}

/** What a stage's conversions carry as value: how many were junk (leads), the deal (customers), nothing otherwise. */
function stageValue(path: FunnelPath, stage: StageConversion, money: ReportingCurrency, missing: Set<string>): number {
  if (stage === "lead") return path.junk;
  if (stage !== "customer" || !path.deal) return 0;
  const amount = inReportingCurrency(money, path.deal.amount, path.deal.currency);
  if (amount === null) missing.add(path.deal.currency);
  return amount ?? 0;
}

export function stageJourneys(paths: readonly FunnelPath[], stage: StageConversion, money: ReportingCurrency, missing: Set<string>): Journey[] {
  const out: Journey[] = [];
  for (const p of paths) {
    const reached = p.stages[stage];
    if (!reached) continue;
    out.push({ touches: p.touches.slice(0, reached.touches), conversions: p.profiles, value: stageValue(p, stage, money, missing), nulls: 0, at: reached.at });
  }
  return out;
}

export function orderJourneys(orders: readonly OrderPath[], money: ReportingCurrency, missing: Set<string>): Journey[] {
  return orders.map(({ journey, currency }) => {
    const value = inReportingCurrency(money, journey.value, currency);
    if (value === null) missing.add(currency);
    return { ...journey, value: value ?? 0 };
  });
}

/** Markov's non-converting journeys of one kind: the touches in the range after its last conversion. */
export function tailJourneys(tails: readonly TailPath[], kind: MoneyConversion): Journey[] {
  const out: Journey[] = [];
  for (const t of tails) {
    const rest = t.touches.slice(t.upTo[kind] ?? 0);
    if (rest.length) out.push({ touches: rest, conversions: 0, value: 0, nulls: t.profiles, at: 0 });
  }
  return out;
}

/** Every kind's journeys, tails included when Markov needs them. */
export function journeysByKind(input: { funnel: readonly FunnelPath[]; orders: readonly OrderPath[]; tails: readonly TailPath[] | null; money: ReportingCurrency }): { byKind: Record<MoneyConversion, Journey[]>; missingRates: Set<string> } {
  const missing = new Set<string>();
  const byKind = Object.fromEntries(
    MONEY_CONVERSIONS.map((kind) => {
      const converting = kind === "orders" ? orderJourneys(input.orders, input.money, missing) : stageJourneys(input.funnel, kind, input.money, missing);
      return [kind, input.tails ? [...converting, ...tailJourneys(input.tails, kind)] : converting];
    }),
  ) as Record<MoneyConversion, Journey[]>;
  return { byKind, missingRates: missing };
}
