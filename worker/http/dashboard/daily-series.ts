// Overview series: the store's per-day rows laid onto every day of the range, missing days as zero.
import type { DayCount } from "../../store/overview";
import { dayOfNumber } from "./date-range";

/** One value per day of `days` (YYYY-MM-DD, in order); rows for days outside the range are ignored. */
export function seriesOf(days: string[], rows: DayCount[]): number[] {
  const byDay = new Map<string, number>();
  for (const r of rows) {
    const d = dayOfNumber(r.day);
    byDay.set(d, (byDay.get(d) ?? 0) + r.n);
  }
  return days.map((d) => byDay.get(d) ?? 0);
}

export const sumOf = (values: number[]) => values.reduce((a, b) => a + b, 0);
