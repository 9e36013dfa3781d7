// The Google Ads offline click-conversion file of a site (CONTRACT §12): every stage reached after a gclid click, by
// people who did not refuse marketing. The API route and the dashboard's Destinations page both call this.
import { dbOfSite } from "../../shards";
import { AD_STAGES, DEFAULT_GOOGLE_ADS_STAGES, type AdStage, type GoogleAdsQuery } from "../../../schema/destinations";
import { DEFAULT_CONVERSION_NAMES, googleAdsCsv, type GoogleAdsConversion } from "../../core/ads/google-ads";
import { stageValue } from "../../core/ads/stage-value";
import { clickConversions } from "../../store/ad-conversions";
import type { Ctx } from "../context";
import { siteFor } from "../sites";

/** Google Ads takes clicks up to 90 days old; older conversions could not be imported anyway. */
export const GOOGLE_ADS_DAYS = 90;
/** One file holds at most this many rows (Google's limit per scheduled file is far larger; a site past it should say so). */
export const GOOGLE_ADS_MAX_ROWS = 50_000;

export interface GoogleAdsFile {
  site: string;
  stages: AdStage[];
  names: Record<AdStage, string>;
  conversions: GoogleAdsConversion[];
  csv: string;
}

/** The conversion names a query asks for, each stage's default otherwise. */
export function conversionNamesOf(q: Partial<GoogleAdsQuery>): Record<AdStage, string> {
  const names = { ...DEFAULT_CONVERSION_NAMES };
  for (const stage of AD_STAGES) names[stage] = q[`name_${stage}`] ?? names[stage];
  return names;
}

export async function googleAdsFile(ctx: Ctx, q: GoogleAdsQuery): Promise<GoogleAdsFile> {
  const site = await siteFor(ctx, q.site);
  const stages = q.stages ?? [...DEFAULT_GOOGLE_ADS_STAGES];
  const since = ctx.now - (q.days ?? GOOGLE_ADS_DAYS) * 86_400_000;
  const rows = await clickConversions(dbOfSite(ctx.env, site), { site: site.id, stages, clickType: "gclid", since, limit: GOOGLE_ADS_MAX_ROWS });
  const conversions = rows.map((r) => ({
    gclid: r.click_value,
    stage: r.stage,
    at: r.at,
    value: stageValue(r.stage, r.deal_amount !== null && r.deal_currency ? { amount: r.deal_amount, currency: r.deal_currency } : null),
  }));
  const names = conversionNamesOf(q);
  return { site: site.id, stages, names, conversions, csv: googleAdsCsv(conversions, names) };
}
