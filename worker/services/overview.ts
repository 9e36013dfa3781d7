// The dashboard's overview and a profile's journey: reads the JSON API has no endpoint for.
import { conversionNames as names, overviewOf as overviewRows, profileTouches, type OverviewQuery } from "../store/overview";
import type { Ctx } from "./context";
import { profileFor } from "./profiles";
import { siteFor } from "./sites";

export async function overviewOf(ctx: Ctx, q: OverviewQuery) {
  const site = await siteFor(ctx, q.site);
  return overviewRows(ctx.env.DB, { ...q, site: site.id });
}

/** A profile's touches in time order (its journey). */
export async function journeyOf(ctx: Ctx, profileId: string) {
  const { profile } = await profileFor(ctx, profileId);
  return profileTouches(ctx.env.DB, profile.id);
}

/** Custom conversion event names seen on a site, for the attribution page's conversion picker. */
export async function conversionNames(ctx: Ctx, siteId: string): Promise<string[]> {
  const site = await siteFor(ctx, siteId);
  return names(ctx.env.DB, site.id);
}
