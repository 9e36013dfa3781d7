// An account: the people of one company (one corporate e-mail domain) on a site, and what they add up to. The score
// is the sum of its people's scores, kept as one time-invariant key (scoring/key-sum.ts); grade, stage, label, name and
// owner come from its people by the rules below (docs/ACCOUNTS.md). Pure: records in, records out.
import type { ScoringConfig } from "../../../schema/scoring";
import { STAGES, type CommitteeRole, type Provenance, type Stage } from "../../../schema/vocabulary";
import { companyOf, type ProfileRecord } from "../profiles/profile";
import { isWellFormedEmail } from "../scoring/email";
import { sumOfKeys } from "../scoring/key-sum";
import { keyBoundOf, ZERO_KEY, type KeyBound, type ScoreKey } from "../scoring/score-key";
import { accountDomainOf, accountIdOf } from "./domain";
import { countRoles, jobTitleOf, roleOf, type RoleCounts } from "./roles";

/** A site's account qualification (site settings): `account.qualified` at min_score, again only after the score fell
 *  below min_score − hysteresis. */
export interface AccountThreshold {
  min_score: number;
  hysteresis: number;
}

export interface Owner {
  id: string;
  name: string;
}

/** What an account needs to know about one of its people. */
export interface Member {
  id: string;
  score_key: ScoreKey;
  fit: number;
  grade: string | null;
  stage: Stage;
  label: string;
  company: string | null;
  role: CommitteeRole | null;
  owner: Owner | null;
  assigned_at: number | null;
  first_seen: number;
  last_seen: number;
}

export type MemberSource = Pick<ProfileRecord, "id" | "score_key" | "fit" | "grade" | "stage" | "label" | "traits" | "owner" | "assigned_at" | "first_seen" | "last_seen">;

export function memberOf(p: MemberSource): Member {
  return {
    id: p.id, score_key: { sign: p.score_key.sign, rank: p.score_key.rank }, fit: p.fit, grade: p.grade, stage: p.stage, label: p.label,
    company: companyOf(p.traits), role: roleOf(jobTitleOf(p.traits)), owner: p.owner ? { id: p.owner.id, name: p.owner.name } : null,
    assigned_at: p.assigned_at, first_seen: p.first_seen, last_seen: p.last_seen,
  };
}

export interface AccountRecord {
  id: string;
  site: string;
  /** the registrable domain of its people's e-mail addresses */
  domain: string;
  /** the name people see: one set by hand, else the company most of its people name (null: nobody named one) */
  name: string | null;
  /** a name set through the API or the dashboard; people's company traits no longer rename the account */
  name_by_hand: string | null;
  /** the time-invariant key of the sum of its people's scores */
  score_key: ScoreKey;
  people: number;
  /** its best fit among graded people, and that person's grade (null while nobody is graded) */
  fit: number | null;
  grade: string | null;
  /** the most advanced stage among its people (at least lead: every member left an e-mail) */
  people_stage: Stage;
  /** its people's label that comes first in the site's label rules */
  label: string | null;
  /** over the threshold since its last crossing up, as of `updated_at` (read with isQualifiedAt) */
  qualified: boolean;
  qualified_at: number | null;
  roles: RoleCounts;
  owner: Owner | null;
  /** the owner was set by hand (kept as set); otherwise it is the owner of its longest-owned person */
  owner_by_hand: boolean;
  first_seen: number;
  last_seen: number;
  created_at: number;
  updated_at: number;
  /** the stored row's version (0: not stored yet); a commit moves it on only from this value (compare and swap) */
  version: number;
}

export function newAccount(input: { site: string; domain: string; now: number }): AccountRecord {
  return {
    id: accountIdOf(input.site, input.domain), site: input.site, domain: input.domain, name: null, name_by_hand: null,
    score_key: ZERO_KEY, people: 0, fit: null, grade: null, people_stage: "lead", label: null, qualified: false, qualified_at: null,
    roles: countRoles([]), owner: null, owner_by_hand: false, first_seen: input.now, last_seen: input.now, created_at: input.now,
    updated_at: input.now, version: 0,
  };
}

const STRONG: readonly Provenance[] = ["verified", "server", "crm"];

/**
 * The e-mail address a person works under: the `email` trait when the site's server or the CRM said it (so a person
 * whose address changed moves accounts), else the address they were identified by. A browser's claim moves nobody.
 */
export function workEmailOf(p: Pick<ProfileRecord, "email" | "traits" | "trait_sources">): string | null {
  const told = p.traits.email;
  if (typeof told === "string" && STRONG.includes(p.trait_sources.email!) && isWellFormedEmail(told.trim().toLowerCase())) return told.trim().toLowerCase();
  return p.email;
}

/** The account a person belongs to: the domain of a corporate work e-mail; none for junk (bots, competitors, …). */
export function accountTargetOf(p: ProfileRecord, config: ScoringConfig): { id: string; domain: string } | null {
  if (p.quality.status === "junk") return null;
  const found = accountDomainOf(workEmailOf(p), config.free_mail_domains);
  return "domain" in found ? { id: accountIdOf(p.site, found.domain), domain: found.domain } : null;
}

const stageRank = (s: Stage) => STAGES.indexOf(s);

/** Labels in the order the site's label rules name them (the most urgent first), the default label last. */
export function labelOrderOf(config: ScoringConfig): string[] {
  const fallback = config.labels.default;
  return [...new Set(config.labels.rules.map((r) => r.label).filter((l) => l !== fallback)), fallback];
}

function bestLabel(labels: string[], order: string[]): string | null {
  // A label the configuration no longer names ranks after the configured ones and before the default.
  const rank = (l: string) => (order.includes(l) ? order.indexOf(l) : order.length - 1.5);
  return labels.reduce<string | null>((best, l) => (best === null || rank(l) < rank(best) ? l : best), null);
}

/** The company most of its people name (case and spacing aside); a tie goes to the name of the person seen first. */
function majorityCompany(members: readonly Member[]): string | null {
  const groups = new Map<string, Member[]>();
  for (const m of [...members].sort((a, b) => a.first_seen - b.first_seen || a.id.localeCompare(b.id))) {
    if (m.company === null) continue;
    const key = m.company.toLowerCase().replace(/\s+/g, " ");
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  let best: Member[] | null = null;
  for (const g of groups.values()) if (best === null || g.length > best.length) best = g;
  return best?.[0]?.company ?? null;
}

/** The owner of the person who has been owned longest (an owner's first contact at the company keeps it). */
function longestOwner(members: readonly Member[]): Owner | null {
  const owned = members.filter((m) => m.owner !== null);
  owned.sort((a, b) => (a.assigned_at ?? Infinity) - (b.assigned_at ?? Infinity) || a.id.localeCompare(b.id));
  return owned[0]?.owner ?? null;
}

/** The account's people-derived fields for a set of members. */
export function aggregate(base: AccountRecord, members: readonly Member[], config: ScoringConfig): AccountRecord {
  const best = members.filter((m) => m.grade !== null).reduce<Member | null>((b, m) => (b === null || m.fit > b.fit ? m : b), null);
  const stage = members.reduce<Stage>((s, m) => (stageRank(m.stage) > stageRank(s) ? m.stage : s), "lead");
  return {
    ...base,
    name: base.name_by_hand ?? majorityCompany(members),
    score_key: sumOfKeys(members.map((m) => m.score_key)),
    people: members.length,
    fit: best?.fit ?? null,
    grade: best?.grade ?? null,
    people_stage: stage,
    label: bestLabel(members.map((m) => m.label), labelOrderOf(config)),
    roles: countRoles(members.map((m) => m.role)),
    owner: base.owner_by_hand ? base.owner : longestOwner(members),
    // An account keeps its times when its last person leaves; a new one starts with its first people's.
    first_seen: members.length ? Math.min(...members.map((m) => m.first_seen)) : base.first_seen,
    last_seen: members.length ? Math.max(...members.map((m) => m.last_seen)) : base.last_seen,
  };
}

/** Whether a key's score passes a bound (score-key.ts's KeyBound, read in code as the store reads it in SQL). */
export function passesBound(k: ScoreKey, b: KeyBound): boolean {
  if (b.kind === "positive") return k.sign === 1 && k.rank >= b.rank;
  if (b.kind === "non_negative") return k.sign >= 0;
  return k.sign >= 0 || k.rank >= b.rank;
}

/** The lower line at `now`: a qualified account stays qualified while its score (as shown) is at least this. */
export const lowerLineAt = (threshold: AccountThreshold, config: ScoringConfig, now: number) => keyBoundOf(threshold.min_score - threshold.hysteresis, config, now);

/** Qualified at `now`: crossed up at some point and not fallen below min_score − hysteresis since (decay included). */
export function isQualifiedAt(a: Pick<AccountRecord, "qualified" | "score_key">, threshold: AccountThreshold, config: ScoringConfig, now: number): boolean {
  return a.qualified && passesBound(a.score_key, lowerLineAt(threshold, config, now));
}

/**
 * Qualification after a change at `now`. Between changes a score only decays, so whether the account fell below the
 * lower line meanwhile is read from its old key at `now`: nothing has to watch the clock for the next crossing to count.
 * Scores compare as shown (to two decimals), like min_score.
 */
export function qualificationAfter(before: Pick<AccountRecord, "qualified" | "score_key">, key: ScoreKey, threshold: AccountThreshold, config: ScoringConfig, now: number): { qualified: boolean; crossed: boolean } {
  const was = isQualifiedAt(before, threshold, config, now);
  const qualified = was ? passesBound(key, lowerLineAt(threshold, config, now)) : passesBound(key, keyBoundOf(threshold.min_score, config, now));
  return { qualified, crossed: qualified && !was };
}

/** An account's stage: its most advanced person's, and at least mql while the account itself is qualified. */
export function accountStage(peopleStage: Stage, qualified: boolean): Stage {
  if (stageRank(peopleStage) >= stageRank("mql")) return peopleStage;
  return qualified ? "mql" : "lead";
}
