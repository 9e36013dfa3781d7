// The consumer's pure heart: given one queue batch's new events and the stored state they touch, decide every
// write (profiles, identities, merges, events, touches, conversions, transitions). The store commits the plan.
// Pure: nothing passed in is changed; the clock and the id generator come from the caller.
import type { CollectedEvent } from "../../../schema/event";
import type { ScoringConfig } from "../../../schema/scoring";
import type { ConversionKind, IdentityKind, Stage, TransitionType } from "../../../schema/vocabulary";
import { applyEvent, evaluate, mergeScoreStates, nextStage } from "../scoring";
import { scoreKeyOf } from "../scoring/score-key";
import { normalizeEmail, resolveIdentity, type Identifier } from "./identity";
import { absorbProfile, clickOfTouch, factsOf, foldEvent, latestClicks, newProfile, withRefusal, type ProfileRecord, type Touch } from "./profile";
import { sessionStep } from "./session";
import { withClaim } from "./traits";
import { trustOf } from "../events/normalize";
import { assignOwners, type FollowUp, type RotationStep, type SiteRouting } from "../routing/assign";
import { eventCurrency, eventValue } from "../money/order-value";
import { accountOwnerOf, planAccounts, type AccountsKnown, type AccountWrite } from "../accounts/plan-accounts";
import type { ArchiveIndexRow } from "../archive/layout";

export interface KnownState {
  /** identities of the batch's identifiers, keyed by identityKey() */
  identities: ReadonlyMap<string, string>;
  profiles: ReadonlyMap<string, ProfileRecord>;
  scoring: (site: string) => ScoringConfig;
  /** each site's routing (none: nobody is assigned) */
  routing?: (site: string) => SiteRouting | null;
  /** the accounts the batch may touch, with their people (none: accounts are left as they are) */
  accounts?: AccountsKnown;
}

export interface Transition {
  site: string;
  profile_id: string;
  type: TransitionType;
  at: number;
  data: Record<string, unknown>;
}

export interface Conversion {
  id: string;
  site: string;
  profile_id: string;
  kind: ConversionKind;
  name: string | null;
  at: number;
  value: number;
  /** set when the event carried a currency: the conversion is revenue in it (orders, docs/MONEY.md) */
  currency?: string;
}

export interface Plan {
  profiles: ProfileRecord[];
  deleted: string[];
  identities: (Identifier & { site: string; profile_id: string })[];
  merges: { site: string; from_id: string; into_id: string; reason: string; at: number }[];
  rejections: { site: string; profile_id: string; kind: string; value: string; reason: string; at: number }[];
  events: { event: CollectedEvent; profile_id: string; session_id: string | null }[];
  touches: (Touch & { site: string; profile_id: string; session_id: string })[];
  conversions: Conversion[];
  transitions: Transition[];
  /** deadlines of the assignments this plan makes (routing) */
  follow_ups: FollowUp[];
  /** round-robin counters this plan advanced; the commit fails if one moved since it was read */
  rotations: RotationStep[];
  /** accounts whose people changed, summed again (core/accounts/plan-accounts.ts); the commit fails if one moved */
  accounts: AccountWrite[];
  /** archive objects written for `events` before the commit, indexed by it (core/archive) */
  archived: ArchiveIndexRow[];
}

export function identityKey(site: string, kind: IdentityKind, value: string): string {
  return `${site}\u0000${kind}\u0000${value}`;
}

/** Every identifier an event could resolve through, for the store to preload. */
export function identifiersOf(e: CollectedEvent): Identifier[] {
  const out: Identifier[] = [];
  if (e.anonymous_id) out.push({ kind: "anonymous", value: e.anonymous_id });
  // Read only to find the person a refusal belongs to (refusedPerson below); it never resolves the event itself.
  if (e.refused && e.refused_id) out.push({ kind: "anonymous", value: e.refused_id });
  if (e.cookieless) return out;
  const t = e.traits;
  if (e.user_id) out.push({ kind: "user", value: e.user_id });
  if (typeof t.email === "string") out.push({ kind: "email", value: normalizeEmail(t.email) });
  if (e.previous_id) out.push({ kind: "user", value: e.previous_id }, { kind: "anonymous", value: e.previous_id });
  return out;
}

export const isIdentified = (p: ProfileRecord) => p.email !== null || p.user_id !== null || p.phone !== null;

export function emptyPlan(): Plan {
  return { profiles: [], deleted: [], identities: [], merges: [], rejections: [], events: [], touches: [], conversions: [], transitions: [], follow_ups: [], rotations: [], accounts: [], archived: [] };
}

/** What a profile was before this plan touched it: transitions and lead conversions are recorded against it once. */
export interface Before {
  stage: Stage;
  identified: boolean;
}

export interface Classified {
  profile: ProfileRecord;
  transitions: Transition[];
  conversions: Conversion[];
}

/** Score key, fit, grade, label, quality and stage after a change at `at`; the transitions and conversions it makes. */
export function classify(p: ProfileRecord, config: ScoringConfig, at: number, was: Before): Classified {
  const evaluation = evaluate({ state: p.score_state, facts: factsOf(p), config, now: at });
  const identified = isIdentified(p);
  const stage = nextStage({ current: p.stage, identified, evaluation, config });
  const profile: ProfileRecord = {
    ...p, score_key: scoreKeyOf(p.score_state, config), fit: evaluation.fit, grade: evaluation.grade, label: evaluation.label, quality: evaluation.quality, stage,
  };
  const transitions: Transition[] = [];
  const conversions: Conversion[] = [];
  if (identified && !was.identified) {
    transitions.push({ site: p.site, profile_id: p.id, type: "profile.identified", at, data: {} });
    conversions.push({ id: `lead:${p.id}`, site: p.site, profile_id: p.id, kind: "lead", name: null, at, value: 0 });
  }
  if (stage !== p.stage) {
    transitions.push({ site: p.site, profile_id: p.id, type: "profile.stage_changed", at, data: { from: p.stage, to: stage } });
    if (stage === "mql") {
      transitions.push({ site: p.site, profile_id: p.id, type: "profile.qualified", at, data: { score: evaluation.score, grade: evaluation.grade } });
      conversions.push({ id: `mql:${p.id}`, site: p.site, profile_id: p.id, kind: "mql", name: null, at, value: 0 });
    }
  }
  return { profile, transitions, conversions };
}

export function planBatch(events: CollectedEvent[], known: KnownState, ctx: { now: number; newId: () => string }): Plan {
  const plan = emptyPlan();
  const identities = new Map(known.identities);
  const profiles = new Map(known.profiles);
  const before = new Map([...known.profiles].map(([id, p]) => [id, { stage: p.stage, identified: isIdentified(p) }]));
  const touched = new Set<string>();
  const ordered = [...events].sort((a, b) => a.at - b.at);

  for (const e of ordered) {
    const config = known.scoring(e.site);
    const trust = trustOf(e);
    const decision = resolveIdentity(
      {
        trusted: trust !== "browser",
        anonymous: e.anonymous_id,
        user: e.cookieless ? null : e.user_id,
        email: e.cookieless ? null : e.traits.email,
        phone: e.cookieless ? null : e.traits.phone,
        previous: e.previous_id,
      },
      {
        lookup: (kind, value) => identities.get(identityKey(e.site, kind, value)),
        holder: (id) => profiles.get(id) ?? { user_id: null, email: null },
      },
    );
    let profile = decision.target ? profiles.get(decision.target) : undefined;
    if (!profile) {
      profile = newProfile({ id: ctx.newId(), site: e.site, at: e.at });
      before.set(profile.id, { stage: "visitor", identified: false });
    }
    for (const goneId of decision.merge) {
      const gone = profiles.get(goneId);
      if (!gone) continue;
      profile = absorbProfile(profile, gone, (a, b) => mergeScoreStates(a, b, config));
      profiles.delete(goneId);
      touched.delete(goneId);
      plan.deleted.push(goneId);
      plan.merges.push({ site: e.site, from_id: goneId, into_id: profile.id, reason: e.type, at: e.at });
      plan.transitions.push({ site: e.site, profile_id: profile.id, type: "profile.merged", at: e.at, data: { merged_id: goneId } });
      for (const [key, owner] of identities) if (owner === goneId) identities.set(key, profile.id);
    }
    for (const c of decision.claims) {
      identities.set(identityKey(e.site, c.kind, c.value), profile.id);
      plan.identities.push({ ...c, site: e.site, profile_id: profile.id });
    }
    for (const r of decision.rejected) plan.rejections.push({ ...r, site: e.site, profile_id: profile.id, at: e.at });
    if (decision.claimed) profile = { ...profile, claims: withClaim(profile.claims, { at: e.at, source: trust, identity: decision.claimed }) };
    profile = {
      ...profile,
      user_id: profile.user_id ?? decision.user_id,
      email: profile.email ?? decision.email,
      phone: profile.phone ?? decision.phone,
    };

    const step = sessionStep(profile.session, e);
    if (step.touch) {
      const { session_id, ...touch } = step.touch;
      plan.touches.push({ ...touch, site: e.site, profile_id: profile.id, session_id });
      profile = {
        ...profile,
        counts: { ...profile.counts, sessions: profile.counts.sessions + 1 },
        first_touch: profile.first_touch && profile.first_touch.at <= touch.at ? profile.first_touch : touch,
        last_touch: profile.last_touch && profile.last_touch.at > touch.at ? profile.last_touch : touch,
        ad_clicks: latestClicks(profile.ad_clicks, clickOfTouch(touch)),
      };
    }
    profile = foldEvent({ ...profile, session: step.session }, e);
    if (step.touch && profile.counts.sessions > 1) {
      profile = { ...profile, score_state: applyEvent(profile.score_state, { type: "session_start", name: null, url: e.url, path: e.path, props: { session_number: profile.counts.sessions }, at: e.at }, config) };
    }
    profile = { ...profile, score_state: applyEvent(profile.score_state, { type: e.type, name: e.name, url: e.url, path: e.path, props: e.props, at: e.at }, config) };
    plan.events.push({ event: e, profile_id: profile.id, session_id: step.session?.id ?? null });
    if (e.type === "track" && e.name) {
      const currency = eventCurrency(e.props);
      plan.conversions.push({ id: `event:${e.id}`, site: e.site, profile_id: profile.id, kind: "event", name: e.name, at: e.at, value: eventValue(e.props), ...(currency ? { currency } : {}) });
    }
    const was = before.get(profile.id)!;
    const classified = classify(profile, config, e.at, was);
    plan.transitions.push(...classified.transitions);
    plan.conversions.push(...classified.conversions);
    // Transitions are recorded once per batch: the next event compares against this event's outcome.
    before.set(profile.id, { stage: was.stage, identified: was.identified || isIdentified(classified.profile) });
    profile = classified.profile;
    profiles.set(profile.id, profile);
    touched.add(profile.id);
    // A refusal sent from a device that had been identified reaches that person's profile, and nothing else does.
    const person = refusedPerson(e, identities, profiles);
    if (person && person.id !== profile.id) {
      profiles.set(person.id, withRefusal(person, { at: e.at, signal: e.refused! }));
      touched.add(person.id);
    }
  }

  for (const id of touched) plan.profiles.push({ ...profiles.get(id)!, updated_at: ctx.now });
  // Leads that reached the routing's stage get their owner in this same plan (and so in the same transaction): their
  // account's owner if it has one, else by the rules. Then each person joins their account and accounts are summed.
  const { routing, accounts } = known;
  const accountOwner = accounts && accountOwnerOf(accounts, known.scoring);
  const routed = routing ? assignOwners(redirectMerged(plan), { before: (id) => before.get(id)?.stage ?? "visitor", routing, now: ctx.now, accountOwner }) : redirectMerged(plan);
  return accounts ? planAccounts(routed, accounts, known.scoring, ctx.now) : routed;
}

/** The existing profile of the id a refusing device had (the event itself is cookieless), if any. */
function refusedPerson(e: CollectedEvent, identities: ReadonlyMap<string, string>, profiles: ReadonlyMap<string, ProfileRecord>): ProfileRecord | undefined {
  if (!e.refused || !e.refused_id) return undefined;
  const id = identities.get(identityKey(e.site, "anonymous", e.refused_id));
  return id === undefined ? undefined : profiles.get(id);
}

/** Rows planned for a profile that a later event in the same batch merged away belong to the survivor. */
function redirectMerged(plan: Plan): Plan {
  const into = new Map(plan.merges.map((m) => [m.from_id, m.into_id]));
  const final = (id: string): string => {
    let cur = id;
    for (let hops = 0; into.has(cur) && hops < 64; hops++) cur = into.get(cur)!;
    return cur;
  };
  const fix = <T extends { profile_id: string }>(rows: T[]) => rows.map((r) => ({ ...r, profile_id: final(r.profile_id) }));
  return {
    ...plan,
    identities: fix(plan.identities),
    rejections: fix(plan.rejections),
    events: fix(plan.events),
    touches: fix(plan.touches),
    conversions: fix(plan.conversions),
    transitions: fix(plan.transitions),
    merges: plan.merges.map((m) => ({ ...m, into_id: final(m.into_id) })),
  };
}
