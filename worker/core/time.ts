// The UTC calendar day of an epoch-ms time, "YYYY-MM-DD": the unit of daily caps and daily counters.
export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** Milliseconds in a day: UTC day numbers are `Math.floor(at / DAY_MS)`. */
export const DAY_MS = 86_400_000;
