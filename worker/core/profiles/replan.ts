// Plans for changes that do not come from events: a CRM's PATCH, a new scoring configuration, and time passing.
import type { ScoringConfig } from "../../../schema/scoring";
import { classify, emptyPlan, isIdentified, type Plan } from "./plan";
import { factsOf, type ProfileRecord } from "./profile";
import { applyEvent, EMPTY_SCORE_STATE, evaluate, type ScoringEvent, type Stage } from "../scoring";

/** A CRM's PATCH: traits merged (null removes one), the stage it sets kept as set, the score re-evaluated. */
export function patchPlan(p: ProfileRecord, patch: { stage?: Stage; traits?: Record<string, unknown> }, config: ScoringConfig, now: number): Plan {
  const plan = emptyPlan();
  const traits = { ...p.traits };
  for (const [k, v] of Object.entries(patch.traits ?? {})) {
    if (v === null) delete traits[k];
    else traits[k] = v;
  }
  let next = classify({ ...p, traits }, config, now, { stage: p.stage, identified: isIdentified(p) }, plan);
  if (patch.stage && patch.stage !== next.stage) {
    plan.transitions.push({ site: p.site, profile_id: p.id, type: "profile.stage_changed", at: now, data: { from: next.stage, to: patch.stage, by: "api" } });
    if (patch.stage === "sql" || patch.stage === "customer") {
      plan.conversions.push({ id: `${patch.stage}:${p.id}`, site: p.site, profile_id: p.id, kind: patch.stage, name: null, at: now, value: 0 });
    }
    next = { ...next, stage: patch.stage };
  }
  plan.profiles.push({ ...next, updated_at: now });
  return plan;
}

export interface ScoringHistory {
  profile: ProfileRecord;
  /** retained events, any order */
  events: ScoringEvent[];
  /** session starts (touch times), any order */
  sessions: number[];
}

/** A changed configuration: each profile's behaviour points recomputed from its retained events, then re-classified. */
export function rescorePlan(histories: ScoringHistory[], config: ScoringConfig, now: number): Plan {
  const plan = emptyPlan();
  for (const { profile, events, sessions } of histories) {
    const starts: ScoringEvent[] = [...sessions].sort((a, b) => a - b).slice(1)
      .map((at, i) => ({ type: "session_start", name: null, url: null, path: null, props: { session_number: i + 2 }, at }));
    const timeline = [...starts, ...events].sort((a, b) => a.at - b.at);
    const score_state = timeline.reduce((state, e) => applyEvent(state, e, config), EMPTY_SCORE_STATE);
    const next = classify({ ...profile, score_state }, config, now, { stage: profile.stage, identified: isIdentified(profile) }, plan);
    plan.profiles.push({ ...next, updated_at: now });
  }
  return plan;
}

/** Time alone changes decayed scores: re-classify qualified profiles at `now`; only those whose stage or label moved are kept. */
export function coolingPlan(profiles: ProfileRecord[], config: ScoringConfig, now: number): Plan {
  const plan = emptyPlan();
  for (const p of profiles) {
    const next = classify(p, config, now, { stage: p.stage, identified: isIdentified(p) }, plan);
    if (next.stage !== p.stage || next.label !== p.label) plan.profiles.push({ ...next, updated_at: now });
  }
  return plan;
}

/** Decayed scores at `now`, for profiles whose stored score (used only to sort and filter) has drifted. */
export function refreshedScores(profiles: ProfileRecord[], config: ScoringConfig, now: number): { id: string; score: number }[] {
  return profiles
    .map((p) => ({ id: p.id, score: scoreAt(p, config, now), was: p.score }))
    .filter((s) => Math.abs(s.score - s.was) >= 0.01)
    .map(({ id, score }) => ({ id, score }));
}

function scoreAt(p: ProfileRecord, config: ScoringConfig, now: number): number {
  return evaluate({ state: p.score_state, facts: factsOf(p), config, now }).score;
}
