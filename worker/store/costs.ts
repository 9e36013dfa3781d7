// Imported ad costs: one row per site, day and source/medium/campaign; an import replaces the rows it sends, all or nothing.
import type { CostEntry } from "../core/money/cost-import";
import type { CostTotal } from "../core/money/inputs";
import { jsonChunks } from "./json-chunks";

/** A range of UTC days, inclusive; absent bounds are open. */
export interface DayRange {
  from?: string;
  to?: string;
}

const UPSERT = `
INSERT INTO costs (site, day, source, medium, campaign, amount, currency, imported_at)
SELECT ?1, j.value->>'day', j.value->>'source', j.value->>'medium', j.value->>'campaign', j.value->>'amount', j.value->>'currency', ?2
FROM json_each(?3) j WHERE true
ON CONFLICT (site, day, source, medium, campaign) DO UPDATE SET amount = excluded.amount, currency = excluded.currency, imported_at = excluded.imported_at`;

/** Stores the rows in one transaction (D1 runs a batch as one): every row is written, or none. */
export async function upsertCosts(db: D1Database, site: string, rows: readonly CostEntry[], now: number): Promise<void> {
  await db.batch(jsonChunks([...rows]).map((chunk) => db.prepare(UPSERT).bind(site, now, chunk.json)));
}

function dayFilter(range: DayRange, args: unknown[]): string {
  const parts = ["site = ?1"];
  if (range.from !== undefined) parts.push(`day >= ?${args.push(range.from)}`);
  if (range.to !== undefined) parts.push(`day <= ?${args.push(range.to)}`);
  return parts.join(" AND ");
}

/** The most rows a listing returns (a year of a few hundred campaigns). */
export const MAX_LISTED_COSTS = 50_000;

export async function listCosts(db: D1Database, site: string, range: DayRange): Promise<{ rows: CostEntry[]; truncated: boolean }> {
  const args: unknown[] = [site];
  const { results } = await db
    .prepare(`SELECT day, source, medium, campaign, amount, currency FROM costs WHERE ${dayFilter(range, args)} ORDER BY day, source, medium, campaign LIMIT ${MAX_LISTED_COSTS + 1}`)
    .bind(...args)
    .all<CostEntry>();
  return { rows: results.slice(0, MAX_LISTED_COSTS), truncated: results.length > MAX_LISTED_COSTS };
}

/** Costs in a range summed per source, medium, campaign and currency: what the money report maps to its keys. */
export function costTotalsStatement(db: D1Database, site: string, range: DayRange): D1PreparedStatement {
  const args: unknown[] = [site];
  return db
    .prepare(`SELECT source, medium, campaign, currency, SUM(amount) AS amount FROM costs WHERE ${dayFilter(range, args)} GROUP BY source, medium, campaign, currency`)
    .bind(...args);
}
