// Accounts inside a plan, so a person's account changes in the same transaction as the person: each planned profile
// joins the account of its work e-mail's domain (or none), leaves the one it was in, and every account that gained,
// lost or changed a person is summed again from all of its people — exactly, never by adding a difference.
// `account.qualified` goes into the plan's transitions once per crossing. The commit writes each account only from
// the version this plan read (store/accounts.ts), so two plans that change one account's people cannot both commit.
import type { ScoringConfig } from "../../../schema/scoring";
import type { Plan, Transition } from "../profiles/plan";
import type { ProfileRecord } from "../profiles/profile";
import { scoreOfKey } from "../scoring/score-key";
import { accountDomainOf, accountIdOf } from "./domain";
import { accountTargetOf, aggregate, memberOf, newAccount, qualificationAfter, workEmailOf, type AccountRecord, type AccountThreshold, type Member, type Owner } from "./account";

/** The stored accounts a plan may touch, their people as stored, and each site's threshold. */
export interface AccountsKnown {
  accounts: ReadonlyMap<string, AccountRecord>;
  members: ReadonlyMap<string, readonly Member[]>;
  threshold: (site: string) => AccountThreshold;
}

/** An account as the plan leaves it; the commit writes it only if its stored version is still `from_version`. */
export interface AccountWrite {
  record: AccountRecord;
  from_version: number;
  /** its name changed: people not in the plan get the new name on their profiles too */
  renamed: boolean;
  /** the site's threshold it was qualified against (kept with an account.qualified, so its webhook renders alike) */
  threshold: AccountThreshold;
}

const round = (x: number) => Math.round(x * 100) / 100;

const sameMembers = (a: readonly Member[], b: readonly Member[]) => {
  if (a.length !== b.length) return false;
  const byId = new Map(a.map((m) => [m.id, JSON.stringify(m)]));
  return b.every((m) => byId.get(m.id) === JSON.stringify(m));
};

/**
 * Every account a batch could touch, for the store to load before planning: where its known people are, and where
 * any e-mail it holds would lead (a superset: a site's own free-mail list only takes accounts away).
 */
export function accountsToLoad(profiles: Iterable<ProfileRecord>, events: Iterable<{ site: string; traits: Record<string, unknown> }>): string[] {
  const ids = new Set<string>();
  const add = (site: string, email: unknown) => {
    const found = accountDomainOf(typeof email === "string" ? email : null);
    if ("domain" in found) ids.add(accountIdOf(site, found.domain));
  };
  for (const p of profiles) {
    if (p.account) ids.add(p.account.id);
    add(p.site, workEmailOf(p));
    add(p.site, p.traits.email);
  }
  for (const e of events) add(e.site, e.traits.email);
  return [...ids];
}

/** The accounts a finished plan touches (where its people were and where they go), for plans made outside the consumer. */
export function accountsOfPlan(plan: Pick<Plan, "profiles">, scoring: (site: string) => ScoringConfig): string[] {
  const ids = new Set<string>();
  for (const p of plan.profiles) {
    if (p.account) ids.add(p.account.id);
    const target = accountTargetOf(p, scoring(p.site));
    if (target) ids.add(target.id);
  }
  return [...ids];
}

/** For routing: the owner of the account a person belongs to (as stored), if it has one. */
export function accountOwnerOf(known: AccountsKnown, scoring: (site: string) => ScoringConfig) {
  return (p: ProfileRecord): { owner: Owner; account: { id: string; domain: string } } | null => {
    const target = accountTargetOf(p, scoring(p.site));
    const owner = target ? known.accounts.get(target.id)?.owner : null;
    return target && owner ? { owner, account: target } : null;
  };
}

/** The plan with its people in their accounts, the accounts it changes summed again, and their crossings. */
export function planAccounts(plan: Plan, known: AccountsKnown, scoring: (site: string) => ScoringConfig, now: number): Plan {
  const gone = new Set(plan.deleted);
  const planned = new Set(plan.profiles.map((p) => p.id));
  const targets = new Map(plan.profiles.map((p) => [p.id, accountTargetOf(p, scoring(p.site))]));
  const touched = new Map<string, { site: string; domain: string }>();
  for (const p of plan.profiles) {
    if (p.account) touched.set(p.account.id, { site: p.site, domain: p.account.domain });
    const target = targets.get(p.id);
    if (target) touched.set(target.id, { site: p.site, domain: target.domain });
  }
  for (const [id, members] of known.members) {
    const stored = known.accounts.get(id);
    if (stored && members.some((m) => gone.has(m.id))) touched.set(id, { site: stored.site, domain: stored.domain });
  }

  const writes: AccountWrite[] = [];
  const transitions: Transition[] = [];
  const names = new Map<string, string | null>();
  for (const [id, where] of touched) {
    const stored = known.accounts.get(id) ?? null;
    const before = known.members.get(id) ?? [];
    const members = [
      ...before.filter((m) => !gone.has(m.id) && !planned.has(m.id)),
      ...plan.profiles.filter((p) => targets.get(p.id)?.id === id).map(memberOf),
    ];
    if (stored && sameMembers(before, members)) {
      names.set(id, stored.name);
      continue;
    }
    const config = scoring(where.site);
    const base = stored ?? newAccount({ site: where.site, domain: where.domain, now });
    const summed = aggregate(base, members, config);
    const threshold = known.threshold(where.site);
    const q = qualificationAfter(base, summed.score_key, threshold, config, now);
    const record = { ...summed, qualified: q.qualified, qualified_at: q.crossed ? now : base.qualified_at, updated_at: now };
    writes.push({ record, from_version: base.version, renamed: stored !== null && stored.name !== record.name, threshold });
    names.set(id, record.name);
    if (q.crossed) {
      const score = round(scoreOfKey(record.score_key, config, now));
      const data = { score, min_score: threshold.min_score, people: record.people, owner: record.owner };
      transitions.push({ site: record.site, profile_id: record.id, type: "account.qualified", at: now, data });
    }
  }
  if (touched.size === 0) return plan;
  return {
    ...plan,
    profiles: plan.profiles.map((p) => {
      const target = targets.get(p.id);
      return { ...p, account: target ? { id: target.id, domain: target.domain, name: names.get(target.id) ?? null } : null };
    }),
    accounts: [...plan.accounts, ...writes],
    transitions: [...plan.transitions, ...transitions],
  };
}
