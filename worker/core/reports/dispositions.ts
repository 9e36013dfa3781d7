// The disposition report's rows from the store's counts: shares, totals and order. Pure, so the money report can
// reuse the same definitions (a ratio with a zero denominator is null, never 0 or NaN).
import { DISPOSITIONS, type Disposition } from "../../../schema/vocabulary";

export interface DispositionTally {
  leads: number;
  contacted: number;
  dispositions: Record<Disposition, number>;
  deals: number;
  /** the deals' amounts per ISO 4217 currency */
  revenue: Record<string, number>;
}

export type DispositionRow = { key: string; leads: number; contacted: number; deals: number; revenue: Record<string, number>; junk_share: number | null } & Record<Disposition, number>;

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** n / d rounded to six decimals; null when d is 0. */
export function ratio(n: number, d: number): number | null {
  return d === 0 ? null : round6(n / d);
}

function rowOf(key: string, t: DispositionTally): DispositionRow {
  const revenue = Object.fromEntries(Object.entries(t.revenue).sort(([a], [b]) => a.localeCompare(b)).map(([c, amount]) => [c, round6(amount)]));
  return { key, leads: t.leads, contacted: t.contacted, ...t.dispositions, deals: t.deals, revenue, junk_share: ratio(t.dispositions.junk, t.leads) };
}

function sum(tallies: DispositionTally[]): DispositionTally {
  const total: DispositionTally = { leads: 0, contacted: 0, dispositions: Object.fromEntries(DISPOSITIONS.map((d) => [d, 0])) as Record<Disposition, number>, deals: 0, revenue: {} };
  for (const t of tallies) {
    total.leads += t.leads;
    total.contacted += t.contacted;
    total.deals += t.deals;
    for (const d of DISPOSITIONS) total.dispositions[d] += t.dispositions[d];
    for (const [currency, amount] of Object.entries(t.revenue)) total.revenue[currency] = (total.revenue[currency] ?? 0) + amount;
  }
  return total;
}

/** Rows by most leads first (then key), and the totals over all of them. */
export function dispositionTable(counts: (DispositionTally & { key: string })[]): { rows: DispositionRow[]; totals: Omit<DispositionRow, "key"> } {
  const rows = counts.map((c) => rowOf(c.key, c)).sort((a, b) => b.leads - a.leads || a.key.localeCompare(b.key));
  const { key: _key, ...totals } = rowOf("", sum(counts));
  return { rows, totals };
}
