// Turns validated input (a snippet wire event, or a Segment message mapped to the same shape) into the one
// normalised event the queue carries. Pure: the clock and the enrichment are passed in.
import type { CollectedEvent, EventType } from "../../../schema/event";
import type { EventTrust, RefusalSignal } from "../../../schema/vocabulary";
import { CLICK_ID_PARAMS, touchSource, type CampaignParams } from "../channels/source";
import { cleanUrl } from "./clean-url";

export interface SiteContext {
  id: string;
  domains: string[];
  excludedReferrers: string[];
}

export interface Enrichment {
  device: CollectedEvent["device"];
  geo: CollectedEvent["geo"];
}

/** How far a client clock may claim the future; Segment allows a similar margin. */
const MAX_FUTURE_MS = 60_000;

/** Event time from the client's clock, corrected by the offset between its send time and our receive time. */
export function eventTime(input: { clientAt: number; sentAt: number | null; receivedAt: number }): number {
  const skew = input.sentAt === null ? 0 : input.receivedAt - input.sentAt;
  const at = input.clientAt + skew;
  return Math.min(at, input.receivedAt + MAX_FUTURE_MS);
}

export function pathOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).pathname;
  } catch {
    return url.startsWith("/") ? url.split(/[?#]/)[0]! : null;
  }
}

const UTM: Record<string, keyof CampaignParams> = {
  utm_source: "source",
  utm_medium: "medium",
  utm_campaign: "campaign",
  utm_term: "term",
  utm_content: "content",
  utm_id: "id",
};

/** Splits kept landing parameters into a campaign and click ids. */
export function campaignOf(params: Record<string, string> | undefined): { campaign?: CampaignParams; clickIds?: Record<string, string> } {
  if (!params) return {};
  const campaign: CampaignParams = {};
  const clickIds: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    const key = k.toLowerCase();
    if (UTM[key]) campaign[UTM[key]] = v;
    else if (CLICK_ID_PARAMS.includes(key)) clickIds[key] = v;
  }
  return { campaign: Object.keys(campaign).length ? campaign : undefined, clickIds: Object.keys(clickIds).length ? clickIds : undefined };
}

export interface EventInput {
  id: string;
  type: EventType;
  name: string | null;
  anonymousId: string | null;
  userId: string | null;
  previousId: string | null;
  at: number;
  url: string | null;
  title: string | null;
  referrer: string | null;
  campaign?: CampaignParams;
  clickIds?: Record<string, string>;
  props: Record<string, unknown>;
  traits: Record<string, unknown>;
  cookieless: boolean;
  origin: CollectedEvent["origin"];
  trust: EventTrust;
  /** the person refused marketing with this event (GPC, consent denied) */
  refused?: RefusalSignal;
  /** with `refused`: the anonymous id the device had before (schema/event.ts `refused_id`) */
  refusedId?: string;
}

export function normalizeEvent(input: EventInput, ctx: { site: SiteContext; enrichment: Enrichment; receivedAt: number }): CollectedEvent {
  // Stored URLs keep their path and campaign parameters, never a visitor's details (CONTRACT §14): the event URL,
  // and so the touch's landing page, and the referrer. Campaign tags and click ids stay, so the source is the same.
  const url = cleanUrl(input.url);
  const touch = touchSource({
    url,
    referrer: cleanUrl(input.referrer),
    campaign: input.campaign,
    clickIds: input.clickIds,
    siteDomains: ctx.site.domains,
    excludedReferrers: ctx.site.excludedReferrers,
  });
  return {
    id: input.id,
    site: ctx.site.id,
    type: input.type,
    name: input.name,
    anonymous_id: input.anonymousId,
    user_id: input.cookieless ? null : input.userId,
    previous_id: input.cookieless ? null : input.previousId,
    at: input.at,
    received_at: ctx.receivedAt,
    url,
    path: pathOf(url),
    title: input.title,
    touch: touch && {
      channel: touch.channel, source: touch.source, medium: touch.medium, campaign: touch.campaign, term: touch.term,
      content: touch.content, referrer: touch.referrer, landing_page: touch.landing_page, click_id: touch.click_id,
      click_id_value: touch.click_id_value,
    },
    props: input.props,
    traits: input.cookieless ? {} : input.traits,
    device: ctx.enrichment.device,
    geo: ctx.enrichment.geo,
    cookieless: input.cookieless,
    origin: input.origin,
    trust: input.trust,
    ...(input.refused ? { refused: input.refused } : {}),
    ...(input.refused && input.refusedId ? { refused_id: input.refusedId } : {}),
  };
}

/** An event's trust; messages queued before events carried it are judged by where they came in. */
export function trustOf(e: Pick<CollectedEvent, "trust" | "origin">): EventTrust {
  return e.trust ?? (e.origin === "segment" ? "server" : "browser");
}
