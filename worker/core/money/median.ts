// Medians of weighted values (a value seen n times weighs n), for the days from first touch to lead and to customer.

/** The median; with an even total weight, the mean of the two middle values. Null for no weight at all. */
export function weightedMedian(items: readonly { value: number; weight: number }[]): number | null {
  const sorted = items.filter((i) => i.weight > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((s, i) => s + i.weight, 0);
  if (total === 0) return null;
  // 1-based positions of the middle element(s): the same one for an odd total, total / 2 and total / 2 + 1 for an even one.
  const lower = Math.ceil(total / 2);
  const upper = Math.floor(total / 2) + 1;
  let seen = 0;
  let low: number | null = null;
  for (const item of sorted) {
    seen += item.weight;
    if (low === null && seen >= lower) low = item.value;
    if (seen >= upper) return total % 2 === 1 ? low! : (low! + item.value) / 2;
  }
  return low;
}
