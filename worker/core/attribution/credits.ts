// Per-key credit accumulators and the sorted result rows built from them.
import type { JourneyTable } from "./journey-table";
import type { AttributionResult, AttributionRow, Model } from "./types";

/** Credit per key id; `keys` names the ids (a model may credit a coarser key set than the journeys carry). */
export interface Credits {
  keys: readonly string[];
  conversions: Float64Array;
  value: Float64Array;
  /** when asked for: conversions credited to each touch (flat index, as the table's touches) */
  touches?: Float64Array;
}

/** Empty credits for a table; per-touch credits too when the table asks for them (one person's journeys). */
export function emptyCreditsOf(table: JourneyTable): Credits {
  const size = table.keys.length;
  const credits: Credits = { keys: table.keys, conversions: new Float64Array(size), value: new Float64Array(size) };
  if (table.perTouch) credits.touches = new Float64Array(table.touchKey.length);
  return credits;
}

/** Gives touch `p` of journey `j` the fraction `weight` of that journey's conversions and value. */
export function creditTouch(credits: Credits, table: JourneyTable, j: number, p: number, weight: number): void {
  const key = table.touchKey[p]!;
  credits.conversions[key]! += weight * table.conversions[j]!;
  credits.value[key]! += weight * table.value[j]!;
  if (credits.touches) credits.touches[p]! += weight * table.conversions[j]!;
}

/** Every key seen in any journey gets a row (zero when uncredited) so tables line up across models. */
export function resultOf(model: Model, table: JourneyTable, credits: Credits): AttributionResult {
  const rows = credits.keys.map((key, id) => ({
    key,
    conversions: credits.conversions[id]!,
    value: credits.value[id]!,
  }));
  return { model, total_conversions: table.totalConversions, total_value: table.totalValue, rows: inReportOrder(rows) };
}

/** Rows by conversions credited, most first, then by key. Sorts in place. */
export function inReportOrder(rows: AttributionRow[]): AttributionRow[] {
  return rows.sort((a, b) => b.conversions - a.conversions || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** A sum kept per day (added and taken away batch by batch): a zero may come back as a rounding residue. */
export const settled = (x: number) => (Math.abs(x) < 1e-9 ? 0 : x);
