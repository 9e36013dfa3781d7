// The marketing source of one hit (campaign tags > click ids > referrer > direct), as a touch, or null.
import { channelGroup, type Channel } from "./channel";
import { campaignOf, hasCampaign, type CampaignParams } from "./campaign";
import { CLICK_ID_PARAMS, CLICK_ID_SOURCES, clickIdOf, type ClickId } from "./click-ids";
import { parsedUrl, queryParams, urlWithout } from "./url";
import { externalReferrer, referrerPair, type Referrer } from "./referrer";

export type { CampaignParams } from "./campaign";
export { CLICK_ID_PARAMS } from "./click-ids";
export { DEFAULT_EXCLUDED_REFERRERS } from "./referrer-excluded";

export interface TouchSource {
  channel: Channel; source: string | null; medium: string | null; campaign: string | null; term: string | null;
  content: string | null; referrer: string | null; landing_page: string | null;
  click_id: string | null; // the click-id TYPE, e.g. "gclid" (CONTRACT §6)
  click_id_value: string | null;
}

export interface TouchInput {
  url: string | null;
  referrer: string | null;
  campaign?: CampaignParams;
  clickIds?: Record<string, string>;
  siteDomains: string[];
  excludedReferrers: string[];
}

const CLICK_ID_NAMES: ReadonlySet<string> = new Set(CLICK_ID_PARAMS);
const WEB = ["http:", "https:"];

/** Source and medium by precedence: tagged campaign, paid click id, external referrer, fbclid, direct. */
function pairOf(c: CampaignParams, click: ClickId | null, ref: Referrer | null): [string, string] {
  if (c.source || c.medium) return [c.source ?? "(not set)", c.medium ?? "(not set)"];
  const paid = click && CLICK_ID_SOURCES[click.type];
  if (paid) return [paid.source, paid.medium];
  if (ref) return referrerPair(ref);
  if (click?.type === "fbclid") return ["facebook", "referral"];
  // Tags without source/medium (only utm_campaign, say) mean someone tagged the link but not its origin.
  return hasCampaign(c) ? ["(not set)", "(not set)"] : ["(direct)", "(none)"];
}

/** The marketing source of one hit; null when the hit must not start a touch (self-referral or excluded referrer). */
export function touchSource(input: TouchInput): TouchSource | null {
  const page = parsedUrl(input?.url);
  const query = queryParams(page);
  const c = campaignOf(input?.campaign, query);
  const click = clickIdOf(input?.clickIds) ?? clickIdOf(query);
  const ref = externalReferrer(input?.referrer, page, input?.siteDomains, input?.excludedReferrers);
  if (ref === "suppressed" && !hasCampaign(c) && !click) return null;
  const external = ref === "suppressed" ? null : ref;
  const [source, medium] = pairOf(c, click, external).map((v) => v.toLowerCase()) as [string, string];
  const campaign = c.campaign ?? null;
  return {
    channel: channelGroup({ source, medium, campaign }),
    source, medium, campaign, term: c.term ?? null, content: c.content ?? null,
    referrer: external?.href ?? null,
    landing_page: page && (WEB.includes(page.protocol)) ? urlWithout(page, CLICK_ID_NAMES) : null,
    click_id: click?.type ?? null,
    click_id_value: click?.value ?? null,
  };
}

/** The stable key a session compares to decide whether the source changed. */
export function sourceKey(t: Pick<TouchSource, "source" | "medium" | "campaign" | "term" | "content" | "click_id"> & { click_id_value?: string | null }): string {
  // A new click-id value is a new ad click, so it is part of the key; channel follows from the rest.
  return JSON.stringify([t.source, t.medium, t.campaign, t.term, t.content, t.click_id, t.click_id_value ?? null]);
}
