// Plans for changes that do not come from events: a CRM's PATCH, a new scoring configuration, and time passing.
import type { ScoringConfig } from "../../../schema/scoring";
import { CRM_STAGES, type Disposition, type Stage } from "../../../schema/vocabulary";
import { applyEvent, EMPTY_SCORE_STATE, type ScoringEvent } from "../scoring";
import { classify, emptyPlan, isIdentified, type Classified, type Plan } from "./plan";
import type { ProfileRecord } from "./profile";

const reclassify = (p: ProfileRecord, config: ScoringConfig, at: number): Classified =>
  classify(p, config, at, { stage: p.stage, identified: isIdentified(p) });

function planOf(classified: Classified[], now: number): Plan {
  return {
    ...emptyPlan(),
    profiles: classified.map((c) => ({ ...c.profile, updated_at: now })),
    transitions: classified.flatMap((c) => c.transitions),
    conversions: classified.flatMap((c) => c.conversions),
  };
}

export interface ProfilePatch {
  stage?: Stage;
  traits?: Record<string, unknown>;
  contacted_at?: number | null;
  contacted?: true;
  deal?: { amount: number; currency: string } | null;
  disposition?: Disposition | null;
}

/** The CRM's verdict after a PATCH, and what of it changed (for profile.updated). A stage of sql or customer means
 *  the person was contacted. */
export function verdictOf(p: ProfileRecord, patch: ProfilePatch, now: number): { verdict: Pick<ProfileRecord, "contacted_at" | "deal" | "disposition">; changed: Record<string, unknown> } {
  const reachedByCrm = patch.stage !== undefined && (CRM_STAGES as readonly Stage[]).includes(patch.stage);
  const contacted_at = patch.contacted ? (p.contacted_at ?? now) : patch.contacted_at !== undefined ? patch.contacted_at : p.contacted_at ?? (reachedByCrm ? now : null);
  const verdict = { contacted_at, deal: patch.deal === undefined ? p.deal : patch.deal, disposition: patch.disposition === undefined ? p.disposition : patch.disposition };
  const changed: Record<string, unknown> = {};
  if (verdict.contacted_at !== p.contacted_at) changed.contacted_at = verdict.contacted_at === null ? null : new Date(verdict.contacted_at).toISOString();
  if (JSON.stringify(verdict.deal) !== JSON.stringify(p.deal)) changed.deal = verdict.deal;
  if (verdict.disposition !== p.disposition) changed.disposition = verdict.disposition;
  return { verdict, changed };
}

/** A CRM's PATCH: traits merged as the CRM's word (null removes one), the stage it sets kept as set, the verdict
 *  (contacted, deal, disposition) kept, the score re-evaluated. */
export function patchPlan(p: ProfileRecord, patch: ProfilePatch, config: ScoringConfig, now: number): Plan {
  const traits = { ...p.traits };
  const trait_sources = { ...p.trait_sources };
  for (const [k, v] of Object.entries(patch.traits ?? {})) {
    if (v === null) delete traits[k], delete trait_sources[k];
    else (traits[k] = v), (trait_sources[k] = "crm");
  }
  const { verdict, changed } = verdictOf(p, patch, now);
  const classified = reclassify({ ...p, traits, trait_sources, ...verdict }, config, now);
  const updated = Object.keys(changed).length ? [{ site: p.site, profile_id: p.id, type: "profile.updated" as const, at: now, data: { changes: changed } }] : [];
  const plan = { ...planOf([classified], now), transitions: [...classified.transitions, ...updated] };
  const next = classified.profile;
  if (!patch.stage || patch.stage === next.stage) return plan;
  const transition = { site: p.site, profile_id: p.id, type: "profile.stage_changed" as const, at: now, data: { from: next.stage, to: patch.stage, by: "api" } };
  const crm = (CRM_STAGES as readonly Stage[]).includes(patch.stage)
    ? [{ id: `${patch.stage}:${p.id}`, site: p.site, profile_id: p.id, kind: patch.stage as (typeof CRM_STAGES)[number], name: null, at: now, value: 0 }]
    : [];
  return {
    ...plan,
    profiles: [{ ...next, stage: patch.stage, updated_at: now }],
    transitions: [...plan.transitions, transition],
    conversions: [...plan.conversions, ...crm],
  };
}

export interface ScoringHistory {
  profile: ProfileRecord;
  /** retained events, any order */
  events: ScoringEvent[];
  /** session starts (touch times), any order */
  sessions: number[];
}

/** The behaviour ledger a profile's history earns under a configuration: events in time order, returning visits included. */
export function ledgerOf(h: Pick<ScoringHistory, "events" | "sessions">, config: ScoringConfig) {
  const starts: ScoringEvent[] = [...h.sessions].sort((a, b) => a - b).slice(1)
    .map((at, i) => ({ type: "session_start", name: null, url: null, path: null, props: { session_number: i + 2 }, at }));
  return [...starts, ...h.events].sort((a, b) => a.at - b.at).reduce((state, e) => applyEvent(state, e, config), EMPTY_SCORE_STATE);
}

/** A changed configuration: each profile's behaviour points recomputed from its retained events, then re-classified. */
export function rescorePlan(histories: ScoringHistory[], config: ScoringConfig, now: number): Plan {
  return planOf(histories.map((h) => reclassify({ ...h.profile, score_state: ledgerOf(h, config) }, config, now)), now);
}

/** Time alone changes decayed scores: re-classify qualified profiles at `now`; only those whose stage or label moved are kept. */
export function coolingPlan(profiles: ProfileRecord[], config: ScoringConfig, now: number): Plan {
  const moved = profiles.map((p) => reclassify(p, config, now)).filter((c, i) => c.profile.stage !== profiles[i]!.stage || c.profile.label !== profiles[i]!.label);
  return planOf(moved, now);
}
