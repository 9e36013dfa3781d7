// Campaign parameters (utm_*) of a hit: the explicit ones when given, else those in the page URL.

export interface CampaignParams {
  source?: string;
  medium?: string;
  campaign?: string;
  term?: string;
  content?: string;
  id?: string;
}

const FIELDS = ["source", "medium", "campaign", "term", "content", "id"] as const;
const MAX_VALUE = 256;

function cleaned(v: unknown): string | undefined {
  const s = typeof v === "string" ? v.trim().slice(0, MAX_VALUE).trim() : "";
  return s || undefined;
}

/** True when at least one campaign field holds a value. */
export function hasCampaign(c: CampaignParams): boolean {
  return FIELDS.some((f) => c[f] !== undefined);
}

/**
 * Explicit params (Segment context.campaign, or params the session kept) replace the URL's as a whole:
 * mixing a kept utm_source with a fresh utm_medium would invent a campaign nobody ran.
 */
export function campaignOf(explicit: CampaignParams | undefined, query: ReadonlyMap<string, string>): CampaignParams {
  const fromExplicit: CampaignParams = {};
  const fromQuery: CampaignParams = {};
  for (const f of FIELDS) {
    const e = cleaned(explicit?.[f]);
    const q = cleaned(query.get(`utm_${f}`));
    if (e !== undefined) fromExplicit[f] = e;
    if (q !== undefined) fromQuery[f] = q;
  }
  return hasCampaign(fromExplicit) ? fromExplicit : fromQuery;
}
