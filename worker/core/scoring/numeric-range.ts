// Reads budget and company-size answers ("$10k–50k", "50,000+", "under 5k", "1-10", 250) as a numeric range.
export interface NumericRange {
  low: number;
  high: number;
}

const MULTIPLIERS: Record<string, number> = { k: 1e3, thousand: 1e3, m: 1e6, mm: 1e6, mn: 1e6, mio: 1e6, million: 1e6, b: 1e9, bn: 1e9, billion: 1e9 };
const NUMBER = /(\d+(?:\.\d+)?)\s*(?:(k|thousand|mm|mn|mio|million|m|bn|billion|b)\b)?/gi;
const OPEN_ABOVE = /\+|\b(?:over|more than|above|at least|from|min(?:imum)?)\b|>/i;
const OPEN_BELOW = /\b(?:under|less than|below|up to|max(?:imum)?)\b|</i;

export function numericRange(value: unknown): NumericRange | null {
  if (typeof value === "number") return Number.isFinite(value) ? { low: value, high: value } : null;
  if (typeof value !== "string") return null;
  // "10,000" and "10 000" are thousands; a comma before other digit counts is a decimal comma ("1,5m")
  const text = value.replace(/(\d)[,\s'’](?=\d{3}\b)/g, "$1").replace(/(\d),(\d)/g, "$1.$2");
  const found = [...text.matchAll(NUMBER)].slice(0, 2).map((m) => ({ n: Number(m[1]), unit: m[2]?.toLowerCase() }));
  const [first, second] = found;
  if (!first) return null;
  const scaled = (x: { n: number; unit: string | undefined }, fallback?: string) => x.n * (MULTIPLIERS[x.unit ?? fallback ?? ""] ?? 1);
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
