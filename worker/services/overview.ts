// The dashboard's overview and a profile's journey: reads the JSON API has no endpoint for.
import { isStageConversion, type Model } from "../../schema/vocabulary";
import { personJourney } from "../core/attribution/person";
import { conversionNames as names, overviewOf as overviewRows, profileConversions, profileTouches, type ConversionRow, type OverviewQuery, type TouchRow } from "../store/overview";
import { attributionReport } from "./attribution";
import type { Ctx } from "./context";
import { profileFor } from "./profiles";
import { siteFor } from "./sites";
import { dbOfSite } from "../shards";

export async function overviewOf(ctx: Ctx, q: OverviewQuery) {
  const site = await siteFor(ctx, q.site);
  return overviewRows(dbOfSite(ctx.env, site), { ...q, site: site.id });
}

export interface ProfileJourney {
  touches: TouchRow[];
  conversions: ConversionRow[];
  /** the conversion credited and the model crediting it */
  conversion: string;
  model: Model;
  /** per touch: conversions of that kind credited to it */
  credit: number[];
  /** per conversion: the index of the touch whose session it happened in (-1: before any touch) */
  touchOf: number[];
}

/** The name a conversion row is asked for by: its stage, or its custom event's name. */
export const conversionNameOf = (c: ConversionRow) => (c.kind === "event" ? (c.name ?? "") : c.kind);

/**
 * A profile's journey (its touches in time order, by channel), where each of its conversions happened, and how much of
 * `conversion` each touch earned under `model`. Markov's shares come from the site's own Markov report over `range`.
 */
export async function journeyOf(ctx: Ctx, profileId: string, q: { model: Model; conversion: string; from?: number; to?: number }): Promise<ProfileJourney> {
  const { profile, site } = await profileFor(ctx, profileId);
  const [touches, conversions] = await Promise.all([profileTouches(dbOfSite(ctx.env, site), profile.id), profileConversions(dbOfSite(ctx.env, site), profile.id)]);
  const mine = conversions.filter((c) => conversionNameOf(c) === q.conversion);
  // a stage is reached once: the report counts its first time, and so does the person's credit
  const chosen = (isStageConversion(q.conversion) ? mine.slice(0, 1) : mine).map((c) => ({ at: c.at, value: c.value ?? 0 }));
  let keyShares: Map<string, number> | undefined;
  if (q.model === "markov" && chosen.length > 0) {
    const report = await attributionReport(ctx, { site: profile.site, model: "markov", group_by: "channel", conversion: q.conversion, from: q.from, to: q.to });
    keyShares = new Map(report.rows.map((r) => [r.key, report.total_conversions > 0 ? r.conversions / report.total_conversions : 0]));
  }
  const path = touches.map((t) => ({ at: t.at, key: t.channel, channel: t.channel }));
  const { credit, touchOf } = personJourney({ touches: path, all: conversions, chosen, model: q.model, options: { keyShares } });
  return { touches, conversions, conversion: q.conversion, model: q.model, credit, touchOf };
}

/** Custom conversion event names seen on a site, for the attribution page's conversion picker. */
export async function conversionNames(ctx: Ctx, siteId: string): Promise<string[]> {
  const site = await siteFor(ctx, siteId);
  return names(dbOfSite(ctx.env, site), site.id);
}
