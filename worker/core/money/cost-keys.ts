// Which report row a cost belongs to: its source, its campaign, or the channel its source/medium/campaign make under
// the same GA4 rules that group touches (google / cpc is Paid Search whether it comes from a touch or a cost row).
import type { GroupBy } from "../../../schema/vocabulary";
import { channelGroup } from "../channels/channel";
import { inReportingCurrency, type ReportingCurrency } from "./fx";
import type { CostTotal } from "./inputs";

/** The key touches without a campaign get (store/sql.ts); costs without one land there too. */
export const NO_CAMPAIGN = "(not set)";

/**
 * Cost per key in the reporting currency. Campaign names match the report's keys without regard to case (ad platforms
 * and utm_campaign often differ only in that); a campaign no touch carries keeps the cost row's spelling.
 */
export function costsByKey(costs: readonly CostTotal[], groupBy: GroupBy, money: ReportingCurrency, keys: Iterable<string>, missing: Set<string>): Map<string, number> {
  const byLowerCase = new Map<string, string>();
  for (const key of keys) if (!byLowerCase.has(key.toLowerCase())) byLowerCase.set(key.toLowerCase(), key);
  const out = new Map<string, number>();
  for (const c of costs) {
    const amount = inReportingCurrency(money, c.amount, c.currency);
    if (amount === null) {
      missing.add(c.currency);
      continue;
    }
    const key = costKey(c, groupBy, byLowerCase);
    out.set(key, (out.get(key) ?? 0) + amount);
  }
  return out;
}

function costKey(c: CostTotal, groupBy: GroupBy, byLowerCase: ReadonlyMap<string, string>): string {
  if (groupBy === "source") return c.source;
  if (groupBy === "channel") return channelGroup({ source: c.source, medium: c.medium, campaign: c.campaign });
  const campaign = c.campaign || NO_CAMPAIGN;
  return byLowerCase.get(campaign.toLowerCase()) ?? campaign;
}
