// The unified profile as the core sees it, and folding one event's facts into it.
import type { CollectedEvent, TouchSource } from "../../../schema/event";
import type { Disposition, Provenance, RefusalSignal, Stage } from "../../../schema/vocabulary";
import { trustOf } from "../events/normalize";
import { mergedTraits, withTraits, type Claim } from "./traits";
import type { ProfileFacts, ScoreState } from "../scoring";
import { EMPTY_SCORE_STATE } from "../scoring";
import { ZERO_KEY, type ScoreKey } from "../scoring/score-key";

export interface Touch extends TouchSource {
  at: string;
}

export interface Counts {
  pageviews: number;
  clicks: number;
  downloads: number;
  forms: number;
  sessions: number;
  events: number;
}

export interface Session {
  id: string;
  key: string;
  started: number;
  last: number;
}

/** Everything stored about a person; the store keeps the fields lists filter on as columns (schema/vocabulary.ts). */
export interface ProfileRecord {
  id: string;
  site: string;
  user_id: string | null;
  email: string | null;
  phone: string | null;
  anonymous_ids: string[];
  traits: Record<string, unknown>;
  /** who said each trait (traits.ts) */
  trait_sources: Record<string, Provenance>;
  /** what was claimed and not applied */
  claims: Claim[];
  stage: Stage;
  label: string;
  /** the time-invariant order of the behaviour score (scoring/score-key.ts); the score itself is computed at read time */
  score_key: ScoreKey;
  fit: number;
  grade: string | null;
  quality: { status: "valid" | "suspect" | "junk"; reasons: string[] };
  score_state: ScoreState;
  signals: { form_fill_ms: number | null; honeypot: boolean };
  first_touch: Touch | null;
  last_touch: Touch | null;
  counts: Counts;
  device: CollectedEvent["device"];
  geo: CollectedEvent["geo"];
  session: Session | null;
  first_seen: number;
  last_seen: number;
  updated_at: number;
  /** the site's change sequence number of the last write (the feed's cursor); 0 until the store assigns one */
  seq: number;
  /** who works the lead (routing or the CRM) and since when */
  owner: { id: string; name: string } | null;
  assigned_at: number | null;
  /** when someone first contacted the person (the CRM says so, or it reached sql/customer) */
  contacted_at: number | null;
  /** the company behind the person */
  account: { id: string; domain: string; name: string | null } | null;
  /** the CRM's verdict on the lead, and the deal won */
  disposition: Disposition | null;
  deal: { amount: number; currency: string } | null;
  /** the latest ad click of each kind (gclid, fbclid, …) from any of the person's touches: sent back to ad platforms */
  ad_clicks: AdClicks;
  /** the person refused marketing (GPC, consent denied): never sent to an ad platform, whatever they do later */
  marketing_refused: { at: number; signal: RefusalSignal } | null;
}

/** An ad click id's value and when it was clicked (epoch ms), by click-id type. */
export type AdClicks = Partial<Record<string, { value: string; at: number }>>;

/** Newest anonymous ids kept on the profile; older ones still resolve through the identities table. */
const MAX_ANONYMOUS_IDS = 20;

/** What the scorer reads about a person: traits, contact details, country and ingest signals. */
export function factsOf(p: ProfileRecord): ProfileFacts {
  return { traits: p.traits, email: p.email, phone: p.phone, country: p.geo?.country ?? null, signals: p.signals };
}

export function newProfile(input: { id: string; site: string; at: number }): ProfileRecord {
  return {
    id: input.id,
    site: input.site,
    user_id: null,
    email: null,
    phone: null,
    anonymous_ids: [],
    traits: {},
    trait_sources: {},
    claims: [],
    stage: "visitor",
    label: "browser",
    score_key: ZERO_KEY,
    fit: 0,
    grade: null,
    quality: { status: "valid", reasons: [] },
    score_state: EMPTY_SCORE_STATE,
    signals: { form_fill_ms: null, honeypot: false },
    first_touch: null,
    last_touch: null,
    counts: { pageviews: 0, clicks: 0, downloads: 0, forms: 0, sessions: 0, events: 0 },
    device: null,
    geo: null,
    session: null,
    first_seen: input.at,
    last_seen: input.at,
    updated_at: input.at,
    seq: 0,
    owner: null,
    assigned_at: null,
    contacted_at: null,
    account: null,
    disposition: null,
    deal: null,
    ad_clicks: {},
    marketing_refused: null,
  };
}

const COUNTED: Partial<Record<CollectedEvent["type"], keyof Counts>> = {
  pageview: "pageviews",
  click: "clicks",
  outbound: "clicks",
  mailto: "clicks",
  tel: "clicks",
  download: "downloads",
  form: "forms",
};

export function withAnonymousId(ids: string[], id: string | null): string[] {
  if (!id || ids.includes(id)) return ids;
  return [...ids, id].slice(-MAX_ANONYMOUS_IDS);
}

function minOrNull(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  return b === null ? a : Math.min(a, b);
}

/** The clicks of two sets (or a set and a new touch's click), keeping the latest of each type. */
export function latestClicks(a: AdClicks, b: AdClicks): AdClicks {
  const out: AdClicks = { ...a };
  for (const [type, click] of Object.entries(b)) if (click && (out[type]?.at ?? -Infinity) <= click.at) out[type] = click;
  return out;
}

/** A touch's click as an AdClicks entry (none without a value: touches before values were kept, or no click id). */
export function clickOfTouch(t: Pick<Touch, "click_id" | "click_id_value" | "at">): AdClicks {
  return t.click_id && t.click_id_value ? { [t.click_id]: { value: t.click_id_value, at: Date.parse(t.at) } } : {};
}

/** The profile with a refusal recorded (the first one stays: once refused, always refused). */
export function withRefusal(p: ProfileRecord, refusal: NonNullable<ProfileRecord["marketing_refused"]>): ProfileRecord {
  return { ...p, marketing_refused: firstRefusal(p.marketing_refused, refusal) };
}

/** The earlier of two refusals: once refused, always refused. */
function firstRefusal(a: ProfileRecord["marketing_refused"], b: ProfileRecord["marketing_refused"]): ProfileRecord["marketing_refused"] {
  if (!a || !b) return a ?? b;
  return b.at < a.at ? b : a;
}

/** Counts, seen-times, device, geo and traits after one event (identity and sessions are decided elsewhere). */
export function foldEvent(p: ProfileRecord, e: CollectedEvent): ProfileRecord {
  const counter = COUNTED[e.type];
  const counts = { ...p.counts, events: p.counts.events + 1 };
  if (counter) counts[counter] += 1;
  const formMs = typeof e.props.form_ms === "number" ? e.props.form_ms : null;
  return {
    ...p,
    ...(e.cookieless ? {} : withTraits(p, e.traits, trustOf(e), e.at)),
    counts,
    anonymous_ids: e.cookieless ? p.anonymous_ids : withAnonymousId(p.anonymous_ids, e.anonymous_id),
    device: e.device ?? p.device,
    geo: e.geo?.country ? e.geo : p.geo,
    signals: {
      form_fill_ms: minOrNull(p.signals.form_fill_ms, formMs),
      honeypot: p.signals.honeypot || e.props.honeypot === true,
    },
    first_seen: Math.min(p.first_seen, e.at),
    last_seen: Math.max(p.last_seen, e.at),
    marketing_refused: e.refused ? firstRefusal(p.marketing_refused, { at: e.at, signal: e.refused }) : p.marketing_refused,
  };
}

/** The survivor after absorbing a merged-away profile: sums, earliest first touch, latest last touch. */
export function absorbProfile(survivor: ProfileRecord, gone: ProfileRecord, mergeScores: (a: ScoreState, b: ScoreState) => ScoreState): ProfileRecord {
  const counts = { ...survivor.counts };
  for (const k of Object.keys(counts) as (keyof Counts)[]) counts[k] += gone.counts[k];
  const touches = [survivor.first_touch, gone.first_touch, survivor.last_touch, gone.last_touch].filter((t): t is Touch => t !== null);
  const byTime = touches.sort((a, b) => a.at.localeCompare(b.at));
  const latestSession = [survivor.session, gone.session].filter((s): s is Session => s !== null).sort((a, b) => b.last - a.last)[0] ?? null;
  return {
    ...survivor,
    ...mergedTraits(survivor, gone),
    anonymous_ids: gone.anonymous_ids.reduce(withAnonymousId, survivor.anonymous_ids),
    counts,
    first_touch: byTime[0] ?? null,
    last_touch: byTime[byTime.length - 1] ?? null,
    session: latestSession,
    score_state: mergeScores(survivor.score_state, gone.score_state),
    signals: {
      form_fill_ms: minOrNull(survivor.signals.form_fill_ms, gone.signals.form_fill_ms),
      honeypot: survivor.signals.honeypot || gone.signals.honeypot,
    },
    device: survivor.device ?? gone.device,
    geo: survivor.geo ?? gone.geo,
    // A lead someone owns stays owned when it turns out to be the same person as an unowned one.
    ...(survivor.owner === null && gone.owner !== null ? { owner: gone.owner, assigned_at: gone.assigned_at } : {}),
    contacted_at: minOrNull(survivor.contacted_at, gone.contacted_at),
    ad_clicks: latestClicks(survivor.ad_clicks, gone.ad_clicks),
    marketing_refused: firstRefusal(survivor.marketing_refused, gone.marketing_refused),
    first_seen: Math.min(survivor.first_seen, gone.first_seen),
    last_seen: Math.max(survivor.last_seen, gone.last_seen),
  };
}

/** The first non-empty text among some traits. */
export function textTrait(traits: Record<string, unknown>, ...keys: string[]): string | null {
  for (const k of keys) {
    const v = traits[k];
    if (typeof v === "string" && v.trim() !== "") return v.trim();
    if (typeof v === "number") return String(v);
  }
  return null;
}

/** A person's name as forms and SDKs send it: one field, or first and last name. */
export function nameOf(traits: Record<string, unknown>): string | null {
  const whole = textTrait(traits, "name", "full_name", "fullname");
  if (whole) return whole;
  const parts = [textTrait(traits, "first_name", "firstname", "firstName"), textTrait(traits, "last_name", "lastname", "lastName")].filter(Boolean);
  return parts.length ? parts.join(" ") : null;
}

export function companyOf(traits: Record<string, unknown>): string | null {
  return textTrait(traits, "company", "company_name", "organization", "organisation");
}

/** What a list's q= search matches: e-mail, name and company, in lower case. */
export function searchTextOf(p: Pick<ProfileRecord, "email" | "traits">): string | null {
  const parts = [p.email, nameOf(p.traits), companyOf(p.traits)].filter((x): x is string => x !== null);
  return parts.length ? parts.join(" ").toLowerCase() : null;
}
