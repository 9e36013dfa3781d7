// The Profile of CONTRACT §6, with the score decayed to `now` and explained rule by rule.
import type { ScoringConfig } from "../../../schema/scoring";
import { factsOf, type ProfileRecord, type Touch } from "./profile";
import { evaluate } from "../scoring";

/** An events row as stored: the event's own columns and its JSON data. */
export interface EventRow {
  id: string;
  profile_id: string;
  session_id: string | null;
  type: string;
  name: string | null;
  at: number;
  received_at: number;
  url: string | null;
  data: string;
}

const iso = (ms: number) => new Date(ms).toISOString();
const round = (x: number) => Math.round(x * 100) / 100;

export function touchView(t: Touch | null) {
  if (!t) return null;
  return {
    channel: t.channel, source: t.source, medium: t.medium, campaign: t.campaign, term: t.term, content: t.content,
    referrer: t.referrer, landing_page: t.landing_page, click_id: t.click_id, at: t.at,
  };
}

export function profileView(p: ProfileRecord, config: ScoringConfig, now: number) {
  const e = evaluate({
    state: p.score_state,
    facts: factsOf(p),
    config,
    now,
  });
  return {
    id: p.id,
    site: p.site,
    anonymous_ids: p.anonymous_ids,
    user_id: p.user_id,
    email: p.email,
    phone: p.phone,
    traits: p.traits,
    /** who said each trait: browser (an unverified claim), verified, server or crm */
    trait_sources: p.trait_sources,
    /** what was claimed and not applied: trait values a stronger source contradicts, identities held by another profile */
    claims: p.claims.map((c) => ({ ...c, at: iso(c.at) })),
    score: round(e.score),
    fit: round(e.fit),
    grade: e.grade,
    stage: p.stage,
    label: e.label,
    quality: e.quality,
    score_breakdown: e.breakdown.map((b) => ({ ...b, points: round(b.points), awarded: round(b.awarded) })),
    first_touch: touchView(p.first_touch),
    last_touch: touchView(p.last_touch),
    counts: p.counts,
    device: p.device ?? { browser: null, os: null, type: null },
    geo: p.geo ?? { country: null, region: null, city: null },
    owner: p.owner,
    assigned_at: p.assigned_at === null ? null : iso(p.assigned_at),
    contacted_at: p.contacted_at === null ? null : iso(p.contacted_at),
    account: p.account,
    deal: p.deal,
    disposition: p.disposition,
    /** the person refused marketing (GPC, consent denied): never sent to an ad platform (docs/AD-PLATFORMS.md) */
    marketing_refused: p.marketing_refused && { at: iso(p.marketing_refused.at), signal: p.marketing_refused.signal },
    first_seen: iso(p.first_seen),
    last_seen: iso(p.last_seen),
    updated_at: iso(p.updated_at),
  };
}
export type ProfileView = ReturnType<typeof profileView>;

export function eventView(r: EventRow) {
  const data = JSON.parse(r.data) as Record<string, unknown>;
  return {
    id: r.id, type: r.type, name: r.name, at: iso(r.at), received_at: iso(r.received_at), url: r.url, session_id: r.session_id,
    title: data.title ?? null, props: data.props ?? {}, traits: data.traits ?? {}, source: data.touch ?? null,
  };
}
