// Conversions and revenue credited to each key per conversion kind, under the chosen model, from what the store keeps
// and works out (store/money.ts): credits kept per day, junk leads and deals valued now, every amount converted to the
// reporting currency; Markov from the kept transitions; time decay at another half-life from each journey's times.
import { attribute, inReportOrder, markovStepCredits, settled, type AttributionOptions, type AttributionResult, type MarkovStep, type Model } from "../attribution";
import { inReportingCurrency, type ReportingCurrency } from "./fx";
import { MONEY_CONVERSIONS, type KeptCredit, type KeptStep, type MoneyConversion, type TimedJourney } from "./inputs";

/** Where Markov's junk and deal values are summed before the chain spreads them (a control character: never a key). */
const NO_KEY = "\u0000";

export interface MoneyCreditInput {
  model: Model;
  money: ReportingCurrency;
  options?: AttributionOptions;
  kept: readonly KeptCredit[];
  /** junk leads (value 1) and customers with a deal, as people stand now: their journeys, valued */
  valued: readonly TimedJourney[];
  /** Markov's transitions (null for the other models) */
  steps: readonly KeptStep[] | null;
  /** time decay at another half-life than the kept one: every converting journey (null otherwise) */
  timed: readonly TimedJourney[] | null;
}

export interface MoneyCredits {
  credited: Record<MoneyConversion, AttributionResult>;
  /** currencies met without a rate: their amounts count as 0 */
  missingRates: Set<string>;
}

export function moneyCredits(input: MoneyCreditInput): MoneyCredits {
  const missingRates = new Set<string>();
  /** An amount in the reporting currency; '' is no currency at all (a count of junk leads). */
  const converted = (amount: number, currency: string) => {
    if (currency === "") return amount;
    const x = inReportingCurrency(input.money, amount, currency);
    if (x === null) missingRates.add(currency);
    return x ?? 0;
  };
  const credited = Object.fromEntries(MONEY_CONVERSIONS.map((kind) => [kind, creditsOf(kind)])) as MoneyCredits["credited"];
  return { credited, missingRates };

  /** A kind's journeys of `list`, their values in the reporting currency. */
  function journeysOf(list: readonly TimedJourney[], kind: MoneyConversion) {
    return list.filter((t) => t.conversion === kind).map((t) => ({ ...t.journey, value: converted(t.journey.value, t.currency) }));
  }

  function creditsOf(kind: MoneyConversion): AttributionResult {
    if (input.timed) return attribute(journeysOf(input.timed, kind), input.model, input.options);
    const byKey = new Map<string, { key: string; conversions: number; value: number }>();
    const row = (key: string) => byKey.get(key) ?? byKey.set(key, { key, conversions: 0, value: 0 }).get(key)!;
    for (const c of input.kept) {
      // A kind's rows also carry its tails' traffic: a key only they reach is not on a converting path.
      if (c.conversion !== kind || (settled(c.onPath) <= 0 && settled(c.conversions) === 0)) continue;
      const r = row(c.key);
      r.conversions += c.conversions;
      if (kind === "orders") r.value += converted(c.value, c.currency);
    }
    // Junk leads and deals: the model's shares of each such journey (Markov: only their total, spread below).
    const valued = journeysOf(input.valued, kind);
    if (input.model === "markov") row(NO_KEY).value += valued.reduce((s, j) => s + j.value, 0);
    else for (const r of attribute(valued, input.model, input.options).rows) if (r.value !== 0) row(r.key).value += r.value;
    const total = byKey.get(NO_KEY)?.value ?? 0;
    byKey.delete(NO_KEY);
    const rows = [...byKey.values()].map((r) => ({ key: r.key, conversions: settled(r.conversions), value: settled(r.value) }));
    const totals = { conversions: Math.round(rows.reduce((s, r) => s + r.conversions, 0)), value: total + rows.reduce((s, r) => s + r.value, 0) };
    if (input.model !== "markov") return { model: input.model, total_conversions: totals.conversions, total_value: totals.value, rows: inReportOrder(rows) };
    const traffic = new Map<string, number>();
    for (const c of input.kept) if (c.conversion === kind || c.conversion === "*") traffic.set(c.key, (traffic.get(c.key) ?? 0) + c.traffic);
    // The kind's own steps and the every-touch tails' (its rows cancel the tails of those who converted), summed.
    const steps = new Map<string, MarkovStep>();
    for (const s of input.steps ?? []) {
      if (s.conversion !== kind && s.conversion !== "*") continue;
      const id = `${s.from}\u0000${s.to}`;
      const step = steps.get(id) ?? steps.set(id, { from: s.from, to: s.to, weight: 0 }).get(id)!;
      step.weight += s.weight;
    }
    return markovStepCredits([...steps.values()].filter((s) => settled(s.weight) !== 0), traffic, totals, input.options);
  }
}
