// Reads budget and company-size answers ("$10k–50k", "50,000+", "under 5k", "1-10", 250) as a numeric range. An amount
// given per period ("5k/month", "€10,000–20,000 a year", "$500 per week", "2k monthly") is read as its annual figure,
// so one set of budget thresholds holds whatever period a form asks for (docs/SCORING.md "Budgets").
export interface NumericRange {
  low: number;
  high: number;
}

const MULTIPLIERS: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, mm: 1e6, mn: 1e6, mio: 1e6, million: 1e6, b: 1e9, bn: 1e9, billion: 1e9 };
const NUMBER = /(\d+(?:\.\d+)?)\s*(?:(k|thousand|mm|mn|mio|million|m|bn|billion|b)\b)?/gi;
const OPEN_ABOVE = /\+|\b(?:over|more than|above|at least|from|min(?:imum)?)\b|>/i;
const OPEN_BELOW = /\b(?:under|less than|below|up to|max(?:imum)?)\b|</i;

/** Units of time an amount can be given per, and how many of each make a year. */
const PER_YEAR: Record<string, number> = {
  day: 365, daily: 365,
  week: 52, wk: 52, weekly: 52,
  month: 12, mo: 12, mth: 12, m: 12, monthly: 12, pcm: 12,
  quarter: 4, qtr: 4, q: 4, quarterly: 4,
  year: 1, yr: 1, annum: 1, yearly: 1, annually: 1, annual: 1, pa: 1,
};
const PERIOD =
  /(?:\/|\bper\b|\ba\b|\ban\b|\beach\b|\bevery\b)\s*(day|week|wk|month|mo|mth|m|quarter|qtr|q|year|yr|annum)s?\b|\b(daily|weekly|monthly|quarterly|yearly|annually|annual|pcm)\b|\b(p\.?\s?a)\b\.?/i;

/** How many times a year the amount in `text` recurs: 12 for "a month", 1 when no period is named. */
export function periodsPerYear(text: string): number {
  const m = PERIOD.exec(text);
  if (!m) return 1;
  const unit = (m[1] ?? m[2] ?? m[3] ?? "").toLowerCase().replace(/[.\s]/g, "");
  return PER_YEAR[unit] ?? 1;
}

export function numericRange(value: unknown): NumericRange | null {
  if (typeof value === "number") return Number.isFinite(value) ? { low: value, high: value } : null;
  if (typeof value !== "string") return null;
  // "10,000" and "10 000" are thousands; a comma before other digit counts is a decimal comma ("1,5m")
  const text = value.replace(/(\d)[,\s'’](?=\d{3}\b)/g, "$1").replace(/(\d),(\d)/g, "$1.$2");
  const found = [...text.matchAll(NUMBER)].slice(0, 2).map((m) => ({ n: Number(m[1]), unit: m[2]?.toLowerCase() }));
  const [first, second] = found;
  if (!first) return null;
  const perYear = periodsPerYear(text);
  const scaled = (x: { n: number; unit: string | undefined }, fallback?: string) => x.n * (MULTIPLIERS[x.unit ?? fallback ?? ""] ?? 1) * perYear;
  if (second) {
    // "10-50k" means 10k to 50k: a bare first number borrows the second's unit
    const low = scaled(first, second.unit);
    const high = scaled(second);
    return low <= high ? { low, high } : { low: scaled(first), high };
  }
  const n = scaled(first);
  if (OPEN_BELOW.test(text)) return { low: 0, high: n };
  if (OPEN_ABOVE.test(text)) return { low: n, high: Infinity };
  return { low: n, high: n };
}
