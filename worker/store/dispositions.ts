// The CRM's verdicts counted in SQL: per first-touch channel, source or campaign, the leads that became leads in a
// date range, how many were contacted, each disposition, and the deals' amounts per currency.
import { DISPOSITIONS, type Disposition, type GroupBy } from "../../schema/vocabulary";
import { NO_TOUCH_KEY } from "../core/attribution";
import type { DispositionTally } from "../core/reports/dispositions";
import { inRange } from "./sql";

export type DispositionCounts = DispositionTally & { key: string };

/** The first touch's key, as attribution names it: "(none)" without a touch, "(direct)" / "(not set)" without a value. */
const KEY: Record<GroupBy, string> = {
  channel: `COALESCE(p.first_channel, '${NO_TOUCH_KEY}')`,
  source: `CASE WHEN p.first_channel IS NULL THEN '${NO_TOUCH_KEY}' ELSE COALESCE(p.first_source, '(direct)') END`,
  campaign: `CASE WHEN p.first_channel IS NULL THEN '${NO_TOUCH_KEY}' ELSE COALESCE(p.first_campaign, '(not set)') END`,
};

/** A lead is a profile with a lead conversion (it was identified); its time is the first one (a merge may bring two). */
const LEADS = "SELECT profile_id, MIN(at) AS at FROM conversions WHERE site = ?1 AND kind = 'lead' GROUP BY profile_id";

export async function dispositionCounts(db: D1Database, q: { site: string; groupBy: GroupBy; from?: number; to?: number }): Promise<DispositionCounts[]> {
  const args: unknown[] = [q.site];
  const from = `FROM (${LEADS}) l JOIN profiles p ON p.id = l.profile_id WHERE ${inRange(q, "l.at", args)}`;
  const counts = DISPOSITIONS.map((d) => `SUM(p.disposition = '${d}') AS ${d}`).join(", ");
  const [totals, money] = await db.batch<Record<string, unknown>>([
    db.prepare(`SELECT ${KEY[q.groupBy]} AS key, COUNT(*) AS leads, COUNT(p.contacted_at) AS contacted, COUNT(p.deal_currency) AS deals, ${counts} ${from} GROUP BY 1`).bind(...args),
    db.prepare(`SELECT ${KEY[q.groupBy]} AS key, p.deal_currency AS currency, SUM(p.deal_amount) AS amount ${from} AND p.deal_currency IS NOT NULL GROUP BY 1, 2`).bind(...args),
  ]);
  const revenue = Map.groupBy(money!.results, (r) => String(r.key));
  return totals!.results.map((r) => ({
    key: String(r.key),
    leads: Number(r.leads),
    contacted: Number(r.contacted),
    dispositions: Object.fromEntries(DISPOSITIONS.map((d) => [d, Number(r[d] ?? 0)])) as Record<Disposition, number>,
    deals: Number(r.deals),
    revenue: Object.fromEntries((revenue.get(String(r.key)) ?? []).map((m) => [String(m.currency), Number(m.amount)])),
  }));
}
