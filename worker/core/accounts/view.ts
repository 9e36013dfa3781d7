// The Account of CONTRACT §13 as the API shows it, with the score and the stage as of `now`, and an account's page:
// its people (the buying committee) with their roles, and the roles nobody holds yet.
import type { ScoringConfig } from "../../../schema/scoring";
import type { ProfileRecord } from "../profiles/profile";
import { nameOf } from "../profiles/profile";
import { profileView } from "../profiles/view";
import { scoreOfKey } from "../scoring/score-key";
import { accountStage, isQualifiedAt, type AccountRecord, type AccountThreshold } from "./account";
import { jobTitleOf, missingRoles, roleOf } from "./roles";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const round = (x: number) => Math.round(x * 100) / 100;

export function accountView(a: AccountRecord, config: ScoringConfig, threshold: AccountThreshold, now: number) {
  const qualified = isQualifiedAt(a, threshold, config, now);
  return {
    id: a.id,
    site: a.site,
    domain: a.domain,
    name: a.name,
    score: round(scoreOfKey(a.score_key, config, now)),
    grade: a.grade,
    fit: a.fit,
    /** how many people it has */
    people: a.people,
    stage: accountStage(a.people_stage, qualified),
    label: a.label,
    /** over settings.account_mql_min_score since its last crossing (hysteresis) */
    qualified,
    qualified_at: iso(a.qualified_at),
    owner: a.owner,
    first_seen: iso(a.first_seen),
    last_seen: iso(a.last_seen),
    updated_at: iso(a.updated_at),
  };
}
export type AccountView = ReturnType<typeof accountView>;

/** One person of an account as its page lists them (the score is the one the profile shows). */
export function memberView(p: ProfileRecord, config: ScoringConfig, now: number) {
  const view = profileView(p, config, now);
  const job_title = jobTitleOf(p.traits);
  return {
    id: p.id,
    name: nameOf(p.traits),
    email: p.email,
    job_title,
    role: roleOf(job_title),
    score: view.score,
    grade: view.grade,
    stage: view.stage,
    label: view.label,
    quality: view.quality.status,
    owner: p.owner,
    last_seen: view.last_seen,
  };
}
export type MemberView = ReturnType<typeof memberView>;

/** An account with its people, hottest first (`people` lists at most the ones read; `people_count` counts them all). */
export function accountDetail(a: AccountRecord, people: ProfileRecord[], config: ScoringConfig, threshold: AccountThreshold, now: number) {
  return {
    ...accountView(a, config, threshold, now),
    people: people.map((p) => memberView(p, config, now)),
    people_count: a.people,
    /** people per role (unknown: no job title), and the roles nobody holds yet */
    committee: { ...a.roles, missing: missingRoles(a.roles) },
  };
}
export type AccountDetail = ReturnType<typeof accountDetail>;
