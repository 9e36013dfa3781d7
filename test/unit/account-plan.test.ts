// Accounts inside the consumer's plan, run in memory: people join the account of their work e-mail's domain in the
// plan that changes them, each changed account is summed again from all its people, account.qualified is planned once
// per crossing (decay included, with hysteresis), and an account's owner takes its new people before the rules.
import { describe, expect, it } from "vitest";
import type { CollectedEvent } from "../../schema/event";
import { parseRoutingShape } from "../../schema/routing";
import { accountStage, aggregate, isQualifiedAt, memberOf, newAccount, type AccountRecord, type AccountThreshold } from "../../worker/core/accounts/account";
import { accountIdOf } from "../../worker/core/accounts/domain";
import { patchAccountPlan } from "../../worker/core/accounts/patch";
import { accountsOfPlan, accountsToLoad, planAccounts, type AccountsKnown } from "../../worker/core/accounts/plan-accounts";
import { emptyPlan, identityKey, planBatch, type Plan } from "../../worker/core/profiles/plan";
import { newProfile, type ProfileRecord } from "../../worker/core/profiles/profile";
import { patchPlan } from "../../worker/core/profiles/replan";
import type { SiteRouting } from "../../worker/core/routing/assign";
import { DEFAULT_SCORING, evaluate } from "../../worker/core/scoring";
import { scoreOfKey } from "../../worker/core/scoring/score-key";
import { factsOf } from "../../worker/core/profiles/profile";
import { event } from "./support/consumer";

const T0 = Date.UTC(2026, 9, 1, 9);
const MIN = 60_000;
const DAY = 86_400_000;
const config = DEFAULT_SCORING; // half-life 30 days

/** The consumer with accounts, in memory: each plan applied as the store would, each account write checked against
 *  the version it was planned from (compare and swap). */
class Store {
  readonly identities = new Map<string, string>();
  readonly profiles = new Map<string, ProfileRecord>();
  readonly accounts = new Map<string, AccountRecord>();
  readonly plans: Plan[] = [];
  readonly rotations = new Map<string, number>();
  private ids = 0;
  constructor(readonly threshold: AccountThreshold = { min_score: 30, hysteresis: 10 }, readonly routing: SiteRouting | null = null) {}

  known(): AccountsKnown {
    const members = new Map<string, ReturnType<typeof memberOf>[]>();
    for (const p of this.profiles.values()) if (p.account) members.set(p.account.id, [...(members.get(p.account.id) ?? []), memberOf(p)]);
    return { accounts: this.accounts, members, threshold: () => this.threshold };
  }
  batch(events: CollectedEvent[], now: number): Plan {
    const routing = this.routing && { ...this.routing, rotations: this.rotations };
    const known = { identities: this.identities, profiles: this.profiles, scoring: () => config, accounts: this.known(), routing: () => routing };
    return this.apply(planBatch(events, known, { now, newId: () => `p${++this.ids}` }));
  }
  /** A plan made outside the consumer (a PATCH, an erasure), placed in accounts like commitPlan does. */
  replan(plan: Plan, now: number): Plan {
    return this.apply(planAccounts(plan, this.known(), () => config, now));
  }
  apply(plan: Plan): Plan {
    for (const w of plan.accounts) {
      expect(w.from_version).toBe(this.accounts.get(w.record.id)?.version ?? 0);
      this.accounts.set(w.record.id, { ...w.record, version: w.from_version + 1 });
    }
    for (const r of plan.rotations) this.rotations.set(r.pool, r.to);
    for (const id of plan.deleted) this.profiles.delete(id);
    for (const p of plan.profiles) this.profiles.set(p.id, p);
    for (const i of plan.identities) this.identities.set(identityKey(i.site, i.kind, i.value), i.profile_id);
    this.plans.push(plan);
    return plan;
  }
  person(anon: string): ProfileRecord {
    return this.profiles.get(this.identities.get(identityKey("s", "anonymous", anon))!)!;
  }
  account(domain: string): AccountRecord | undefined {
    return this.accounts.get(accountIdOf("s", domain));
  }
  qualified(): Plan["transitions"] {
    return this.plans.flatMap((p) => p.transitions).filter((t) => t.type === "account.qualified");
  }
  /** The sum of the scores its people show at `now`, as GET /api/v1/profiles/{id} computes each. */
  sumOfPeople(domain: string, now: number): number {
    const id = accountIdOf("s", domain);
    return [...this.profiles.values()].filter((p) => p.account?.id === id).reduce((s, p) => s + evaluate({ state: p.score_state, facts: factsOf(p), config, now }).score, 0);
  }
}

/** A visit to the pricing page (+11 with the default scoring) by a person who gives their e-mail. */
const pricing = (anon: string, at: number, traits: Record<string, unknown> = {}) => event({ site: "s", anonymous_id: anon, at, url: "https://example.com/pricing", traits });
/** A demo request (+45, +1 for the page view before it). */
const demo = (anon: string, at: number) => [event({ site: "s", anonymous_id: anon, at, url: "https://example.com/demo" }), event({ site: "s", anonymous_id: anon, at: at + 1, url: "https://example.com/demo", type: "form", props: { form_ms: 20_000 } })];

describe("people join accounts in the plan that changes them", () => {
  it("groups the people of one company, subdomains included, and leaves free-mail and disposable addresses out", () => {
    const s = new Store();
    s.batch([
      pricing("a", T0, { email: "ana@acme.com", company: "Acme" }),
      pricing("b", T0 + MIN, { email: "ben@mail.acme.com", company: "ACME " }),
      pricing("c", T0 + 2 * MIN, { email: "cy@eu.acme.com", company: "Acme Corp" }),
      pricing("d", T0 + 3 * MIN, { email: "dee@gmail.com" }),
      pricing("e", T0 + 4 * MIN, { email: "eve@mailinator.com" }),
    ], T0 + 5 * MIN);
    expect([...s.accounts.values()].map((a) => [a.domain, a.people, a.name])).toEqual([["acme.com", 3, "Acme"]]);
    expect(["a", "b", "c"].map((x) => s.person(x).account)).toEqual(Array(3).fill({ id: accountIdOf("s", "acme.com"), domain: "acme.com", name: "Acme" }));
    expect(["d", "e"].map((x) => s.person(x).account)).toEqual([null, null]);
    expect(scoreOfKey(s.account("acme.com")!.score_key, config, T0 + 5 * MIN)).toBeCloseTo(s.sumOfPeople("acme.com", T0 + 5 * MIN), 9);
  });

  it("sums its people exactly at every later instant, their last events days apart, with no job run in between", () => {
    const s = new Store();
    s.batch([pricing("a", T0, { email: "ana@acme.com" })], T0);
    s.batch([pricing("b", T0 + 9 * DAY, { email: "ben@acme.com" }), pricing("b", T0 + 9 * DAY + MIN)], T0 + 9 * DAY + MIN);
    s.batch(demo("c", T0 + 20 * DAY).map((e) => ({ ...e, traits: { email: "cy@acme.com" } })), T0 + 20 * DAY);
    const key = s.account("acme.com")!.score_key;
    for (const later of [0, 1, 7, 30, 90, 365]) {
      const now = T0 + (20 + later) * DAY + MIN;
      expect(scoreOfKey(key, config, now)).toBeCloseTo(s.sumOfPeople("acme.com", now), 9);
    }
  });

  it("moves a person whose work e-mail the CRM changed, and sums the old account again without them", () => {
    const s = new Store();
    s.batch([pricing("a", T0, { email: "ana@acme.com" }), pricing("b", T0 + MIN, { email: "ben@acme.com" })], T0 + MIN);
    const before = scoreOfKey(s.account("acme.com")!.score_key, config, T0 + DAY);
    s.replan(patchPlan(s.person("b"), { traits: { email: "ben@globex.com" } }, config, T0 + DAY), T0 + DAY);
    expect(s.person("b").account?.domain).toBe("globex.com");
    expect([s.account("acme.com")!.people, s.account("globex.com")!.people]).toEqual([1, 1]);
    const after = scoreOfKey(s.account("acme.com")!.score_key, config, T0 + DAY);
    expect(after).toBeLessThan(before);
    expect(after).toBeCloseTo(s.sumOfPeople("acme.com", T0 + DAY), 9);
    expect(scoreOfKey(s.account("globex.com")!.score_key, config, T0 + DAY)).toBeCloseTo(s.sumOfPeople("globex.com", T0 + DAY), 9);
  });

  it("takes an erased person out of their account (a plan that deletes them)", () => {
    const s = new Store();
    s.batch([pricing("a", T0, { email: "ana@acme.com" }), pricing("b", T0 + MIN, { email: "ben@acme.com" })], T0 + MIN);
    s.replan({ ...emptyPlan(), deleted: [s.person("b").id] }, T0 + DAY);
    expect(s.account("acme.com")!.people).toBe(1);
    expect(scoreOfKey(s.account("acme.com")!.score_key, config, T0 + DAY)).toBeCloseTo(s.sumOfPeople("acme.com", T0 + DAY), 9);
  });

  it("writes no account when none of its people changed what it sums (a trait that scores nothing)", () => {
    const s = new Store();
    s.batch([pricing("a", T0, { email: "ana@acme.com" })], T0);
    const plan = s.replan(patchPlan(s.person("a"), { traits: { favourite_colour: "teal" } }, config, T0 + MIN), T0 + MIN);
    expect(plan.accounts).toEqual([]);
    expect(plan.profiles[0]!.account?.domain).toBe("acme.com");
  });

  it("preloads every account a batch can touch", () => {
    const s = new Store();
    s.batch([pricing("a", T0, { email: "ana@acme.com" })], T0);
    const events = [pricing("a", T0 + DAY, { email: "ana@globex.com" }), pricing("z", T0 + DAY, { email: "zed@initech.com" })];
    const loads = new Set(accountsToLoad(s.profiles.values(), events));
    const plan = planBatch(events, { identities: s.identities, profiles: s.profiles, scoring: () => config, accounts: s.known() }, { now: T0 + DAY, newId: () => "pz" });
    for (const id of accountsOfPlan(plan, () => config)) expect(loads.has(id)).toBe(true);
    expect(loads.has(accountIdOf("s", "initech.com"))).toBe(true);
  });
});

describe("account.qualified", () => {
  it("is planned once when the sum crosses the threshold, though nobody alone is near it", () => {
    const s = new Store({ min_score: 30, hysteresis: 10 });
    s.batch([pricing("a", T0, { email: "ana@acme.com" })], T0);
    s.batch([pricing("b", T0 + MIN, { email: "ben@acme.com" })], T0 + MIN);
    expect(s.qualified()).toEqual([]);
    s.batch([pricing("c", T0 + 2 * MIN, { email: "cy@acme.com" })], T0 + 2 * MIN);
    s.batch([pricing("a", T0 + 3 * MIN)], T0 + 3 * MIN);
    const [only, ...more] = s.qualified();
    expect(more).toEqual([]);
    expect(only).toMatchObject({ profile_id: accountIdOf("s", "acme.com"), at: T0 + 2 * MIN, data: { min_score: 30, people: 3 } });
    expect((only!.data as { score: number }).score).toBeCloseTo(33, 0);
    expect(["a", "b", "c"].map((x) => s.person(x).stage)).toEqual(["lead", "lead", "lead"]);
    const acme = s.account("acme.com")!;
    expect(accountStage(acme.people_stage, isQualifiedAt(acme, s.threshold, config, T0 + 3 * MIN))).toBe("mql");
  });

  it.each<[string, number, number]>([
    // 44 points decay to 31 after 15 days: still above the lower line (20), so rising again is no new crossing.
    ["stays qualified between the lines (no new crossing)", 15, 1],
    // After 60 days (two half-lives) 44 points are 11: the account fell below the lower line by decay alone, so the
    // next rise is a crossing again — seen by the plan from the old key, with no job having run.
    ["falls below the lower line by decay alone, then crosses again", 60, 2],
  ])("%s", (_what, days, crossings) => {
    const s = new Store({ min_score: 30, hysteresis: 10 });
    s.batch([pricing("a", T0, { email: "ana@acme.com" }), pricing("b", T0 + MIN, { email: "ben@acme.com" }), pricing("c", T0 + 2 * MIN, { email: "cy@acme.com" }), pricing("d", T0 + 3 * MIN, { email: "dee@acme.com" })], T0 + 3 * MIN);
    expect(s.qualified()).toHaveLength(1);
    s.batch(demo("a", T0 + days * DAY), T0 + days * DAY);
    expect(s.qualified()).toHaveLength(crossings);
  });

  it("reads as not qualified once the score decayed below the lower line, though nothing was written since", () => {
    const s = new Store({ min_score: 30, hysteresis: 10 });
    s.batch([pricing("a", T0, { email: "ana@acme.com" }), pricing("b", T0 + MIN, { email: "ben@acme.com" }), pricing("c", T0 + 2 * MIN, { email: "cy@acme.com" })], T0 + 2 * MIN);
    const acme = s.account("acme.com")!;
    expect(isQualifiedAt(acme, s.threshold, config, T0 + 10 * DAY)).toBe(true); // 33 → 26
    expect(isQualifiedAt(acme, s.threshold, config, T0 + 30 * DAY)).toBe(false); // 33 → 16.5
    expect(accountStage(acme.people_stage, false)).toBe("lead");
  });
});

const member = (o: Partial<ProfileRecord> & { id: string }) => memberOf({ ...newProfile({ id: o.id, site: "s", at: T0 }), ...o });

describe("an account's numbers from its people", () => {
  const base = newAccount({ site: "s", domain: "acme.com", now: T0 });
  it.each<[string, ReturnType<typeof member>[], Partial<AccountRecord>]>([
    ["grade and fit of its best-fitting graded person", [member({ id: "a", fit: 10, grade: "D" }), member({ id: "b", fit: 45, grade: "B" }), member({ id: "c", fit: 0, grade: null })], { fit: 45, grade: "B" }],
    ["no grade while nobody is graded", [member({ id: "a", fit: 0, grade: null })], { fit: null, grade: null }],
    ["its most advanced person's stage", [member({ id: "a", stage: "lead" }), member({ id: "b", stage: "customer" }), member({ id: "c", stage: "mql" })], { people_stage: "customer" }],
    ["at least lead", [member({ id: "a", stage: "visitor" })], { people_stage: "lead" }],
    ["the label the site's rules name first", [member({ id: "a", label: "browser" }), member({ id: "b", label: "comparison_shopper" }), member({ id: "c", label: "ready_to_buy" })], { label: "ready_to_buy" }],
    ["a shopper before a browser", [member({ id: "a", label: "browser" }), member({ id: "b", label: "comparison_shopper" })], { label: "comparison_shopper" }],
    ["a label no rule names before the default", [member({ id: "a", label: "browser" }), member({ id: "b", label: "retired_label" })], { label: "retired_label" }],
    ["the company most people name", [member({ id: "a", traits: { company: "Acme Corp" }, first_seen: T0 }), member({ id: "b", traits: { company: "ACME" }, first_seen: T0 + 1 }), member({ id: "c", traits: { company: "acme" }, first_seen: T0 + 2 })], { name: "ACME" }],
    ["a tie goes to the person seen first", [member({ id: "a", traits: { company: "Globex" }, first_seen: T0 + 5 }), member({ id: "b", traits: { company: "Acme" }, first_seen: T0 })], { name: "Acme" }],
    ["no name when nobody gives one", [member({ id: "a" })], { name: null }],
    ["the owner of its longest-owned person", [member({ id: "a", owner: { id: "ben", name: "Ben" }, assigned_at: T0 + 5 }), member({ id: "b", owner: { id: "ana", name: "Ana" }, assigned_at: T0 }), member({ id: "c" })], { owner: { id: "ana", name: "Ana" } }],
    ["its committee by role", [member({ id: "a", traits: { job_title: "CTO" } }), member({ id: "b", traits: { job_title: "Engineer" } }), member({ id: "c", traits: { title: "Engineer" } }), member({ id: "d" })], { roles: { decision_maker: 1, influencer: 0, user: 2, unknown: 1 } }],
  ])("%s", (_what, members, expected) => {
    expect(aggregate(base, members, config)).toMatchObject({ people: members.length, ...expected });
  });

  it("keeps a name and an owner set by hand, and gives them back to its people when cleared", () => {
    const people = [member({ id: "a", traits: { company: "Acme" }, owner: { id: "ben", name: "Ben" }, assigned_at: T0 })];
    const stored = { ...aggregate(base, people, config), version: 3 };
    const known: AccountsKnown = { accounts: new Map([[stored.id, stored]]), members: new Map([[stored.id, people]]), threshold: () => ({ min_score: 30, hysteresis: 10 }) };
    const set = patchAccountPlan(known, stored.id, { owner: { id: "eve", name: "Eve" }, name: "Acme Inc." }, config, T0 + DAY).accounts[0]!;
    expect(set).toMatchObject({ from_version: 3, renamed: true, record: { name: "Acme Inc.", owner: { id: "eve", name: "Eve" }, owner_by_hand: true } });
    const byHand = { ...set.record, version: 4 };
    const again = aggregate(byHand, [...people, member({ id: "b", traits: { company: "Globex" }, owner: { id: "ana", name: "Ana" }, assigned_at: T0 - 1 })], config);
    expect(again).toMatchObject({ name: "Acme Inc.", owner: { id: "eve", name: "Eve" } });
    const cleared = patchAccountPlan({ ...known, accounts: new Map([[stored.id, byHand]]) }, stored.id, { owner: null, name: null }, config, T0 + DAY).accounts[0]!;
    expect(cleared.record).toMatchObject({ name: "Acme", owner: { id: "ben", name: "Ben" }, owner_by_hand: false });
  });
});

describe("routing by account", () => {
  const routing: SiteRouting = (() => {
    const parsed = parseRoutingShape({ owners: [{ id: "ana", name: "Ana" }, { id: "ben", name: "Ben" }], rules: [{ when: {}, assign: { round_robin: ["ana", "ben"] } }], assign_at: "lead" });
    if (!parsed.ok) throw new Error("routing");
    return { config: parsed.config, version: 1, rotations: new Map() };
  })();

  it("gives an account's new people to the account's owner before the rules; other companies follow the rules", () => {
    const s = new Store({ min_score: 1000, hysteresis: 0 }, routing);
    s.batch([pricing("a", T0, { email: "ana@acme.com" })], T0);
    expect(s.person("a").owner?.id).toBe("ana"); // the round robin's first
    expect(s.account("acme.com")!.owner?.id).toBe("ana"); // the account takes its first person's owner
    s.batch([pricing("b", T0 + MIN, { email: "ben@acme.com" }), pricing("z", T0 + MIN, { email: "zed@globex.com" })], T0 + MIN);
    expect(s.person("b").owner?.id).toBe("ana"); // the account's owner, not the round robin's next
    expect(s.person("z").owner?.id).toBe("ben"); // the round robin's next
    const assigned = s.plans[1]!.transitions.filter((t) => t.type === "profile.assigned");
    expect(assigned.find((t) => t.profile_id === s.person("b").id)!.data).toMatchObject({ by: "routing", rule: null, account: { id: accountIdOf("s", "acme.com"), domain: "acme.com" } });
    expect(assigned.find((t) => t.profile_id === s.person("z").id)!.data).toMatchObject({ rule: 0 });
    expect(assigned.find((t) => t.profile_id === s.person("z").id)!.data.account).toBeUndefined();
  });
});
