// Currencies: a site reports in one currency; other currencies convert at the rates its settings give.

export interface ReportingCurrency {
  /** ISO 4217 code every amount is reported in */
  currency: string;
  /** units of `currency` per unit of another currency: {"USD": 0.92} */
  fx: Readonly<Record<string, number>>;
}

/** Reporting units per unit of `code`: 1 for the reporting currency itself, null when no usable rate is set. */
export function rateOf(money: ReportingCurrency, code: string): number | null {
  if (code === money.currency) return 1;
  const rate = money.fx[code];
  return typeof rate === "number" && rate > 0 && Number.isFinite(rate) ? rate : null;
}

/** An amount in the reporting currency, or null when `code` has no rate. */
export function inReportingCurrency(money: ReportingCurrency, amount: number, code: string): number | null {
  const rate = rateOf(money, code);
  return rate === null ? null : amount * rate;
}
