// Assignment inside a plan: a lead that reaches the routing's stage gets its owner, profile.assigned, a deadline and
// the round robin's counter step in the very plan that qualified it; nothing else is assigned.
import { describe, expect, it } from "vitest";
import type { CollectedEvent } from "../../schema/event";
import { parseRoutingShape, type RoutingConfig } from "../../schema/routing";
import type { Stage } from "../../schema/vocabulary";
import { emptyPlan, planBatch, type Plan } from "../../worker/core/profiles/plan";
import { newProfile, type ProfileRecord } from "../../worker/core/profiles/profile";
import { assignByHand, assignOwners, reachesAssignStage, type SiteRouting } from "../../worker/core/routing/assign";
import { poolKey } from "../../worker/core/routing/rules";
import { DEFAULT_SCORING } from "../../worker/core/scoring";

const NOW = Date.parse("2026-03-20T09:00:00Z");
const MINUTE = 60_000;

const config = (input: Record<string, unknown>): RoutingConfig => {
  const parsed = parseRoutingShape(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config;
};
const siteRouting = (input: Record<string, unknown>, rotations: [string, number][] = []): SiteRouting => ({ config: config(input), version: 1, rotations: new Map(rotations) });

const OWNERS = [{ id: "ana", name: "Ana" }, { id: "ben", name: "Ben" }, { id: "eve", name: "Eve" }];
const ROUND_ROBIN = { owners: OWNERS, rules: [{ when: {}, assign: { round_robin: ["ana", "ben"] } }], follow_up: { within_minutes: 30, escalate_to: "eve" } };

let n = 0;
const lead = (o: Partial<ProfileRecord> = {}): ProfileRecord => ({ ...newProfile({ id: `p_${++n}`, site: "acme", at: NOW - 1000 }), email: `lead${n}@northwind.example`, stage: "mql", ...o });
const planOf = (profiles: ProfileRecord[]): Plan => ({ ...emptyPlan(), profiles });
const route = (plan: Plan, routing: SiteRouting | null, before: Stage = "lead") => assignOwners(plan, { before: () => before, routing: () => routing, now: NOW });

describe("reaching the assignment stage", () => {
  it.each([
    ["lead", "mql", "mql", true],
    ["visitor", "mql", "mql", true],
    ["mql", "mql", "mql", false],
    ["visitor", "lead", "mql", false],
    ["visitor", "lead", "lead", true],
    ["visitor", "mql", "lead", true],
    ["lead", "mql", "lead", false],
    ["lead", "sql", "mql", false],
    ["mql", "lead", "lead", false],
  ] as [Stage, Stage, "lead" | "mql", boolean][])("%s → %s with assign_at %s: %s", (before, after, at, reaches) => {
    expect(reachesAssignStage(before, after, at)).toBe(reaches);
  });
});

describe("assignOwners", () => {
  it("gives a newly qualified lead its owner, profile.assigned, a deadline and the counter's step, in the same plan", () => {
    const p = lead();
    const plan = route(planOf([p]), siteRouting(ROUND_ROBIN, [[poolKey(["ana", "ben"]), 7]]));
    expect(plan.profiles[0]).toMatchObject({ id: p.id, owner: { id: "ben", name: "Ben" }, assigned_at: NOW });
    expect(plan.transitions).toEqual([{
      site: "acme", profile_id: p.id, type: "profile.assigned", at: NOW,
      data: { owner: { id: "ben", name: "Ben" }, previous_owner: null, by: "routing", rule: 0, follow_up_due_at: new Date(NOW + 30 * MINUTE).toISOString() },
    }]);
    expect(plan.follow_ups).toEqual([{ site: "acme", profile_id: p.id, owner_id: "ben", assigned_at: NOW, due_at: NOW + 30 * MINUTE, escalate_to: "eve" }]);
    expect(plan.rotations).toEqual([{ site: "acme", pool: poolKey(["ana", "ben"]), from: 7, to: 8 }]);
  });

  it("takes consecutive positions for the leads of one plan, and records one step per round robin", () => {
    const plan = route(planOf([lead(), lead(), lead()]), siteRouting(ROUND_ROBIN));
    expect(plan.profiles.map((p) => p.owner?.id)).toEqual(["ana", "ben", "ana"]);
    expect(plan.rotations).toEqual([{ site: "acme", pool: poolKey(["ana", "ben"]), from: 0, to: 3 }]);
  });

  it.each([
    ["a lead that was already qualified", { before: "mql" as Stage }],
    ["a lead someone owns", { owner: { id: "eve", name: "Eve" } }],
    ["a junk lead", { quality: { status: "junk" as const, reasons: ["disposable_email"] } }],
    ["a lead still below the stage", { stage: "lead" as Stage }],
  ])("leaves %s alone", (_what, o) => {
    const { before = "lead", ...fields } = o as { before?: Stage } & Partial<ProfileRecord>;
    const plan = planOf([lead(fields)]);
    expect(route(plan, siteRouting(ROUND_ROBIN), before)).toBe(plan);
  });

  it("assigns nobody when the site has no routing, or no rule and no fallback fits", () => {
    const plan = planOf([lead()]);
    expect(route(plan, null)).toBe(plan);
    expect(route(plan, siteRouting({ owners: OWNERS, rules: [{ when: { country: "ES" }, assign: "ana" }] }))).toBe(plan);
  });

  it("writes no deadline without a follow-up window, and assigns at lead when asked to", () => {
    const plan = route(planOf([lead({ stage: "lead" })]), siteRouting({ owners: OWNERS, fallback: "eve", assign_at: "lead" }), "visitor");
    expect(plan.profiles[0]!.owner).toEqual({ id: "eve", name: "Eve" });
    expect(plan.transitions[0]!.data).toEqual({ owner: { id: "eve", name: "Eve" }, previous_owner: null, by: "routing", rule: null });
    expect(plan.follow_ups).toEqual([]);
    expect(plan.rotations).toEqual([]);
  });

  it("never changes the plan it is given", () => {
    const plan = planOf([lead()]);
    const copy = structuredClone(plan);
    route(plan, siteRouting(ROUND_ROBIN));
    expect(plan).toEqual(copy);
  });
});

describe("assignByHand (PATCH owner)", () => {
  const routing = config(ROUND_ROBIN);

  it("sets the owner as given, with a deadline and profile.assigned by the API", () => {
    const p = lead({ owner: { id: "ana", name: "Ana" }, assigned_at: NOW - 60 * MINUTE });
    const plan = assignByHand(planOf([p]), routing.owners[2]!, routing, NOW);
    expect(plan.profiles[0]).toMatchObject({ owner: { id: "eve", name: "Eve" }, assigned_at: NOW });
    expect(plan.transitions).toEqual([{ site: "acme", profile_id: p.id, type: "profile.assigned", at: NOW, data: expect.objectContaining({ by: "api", previous_owner: { id: "ana", name: "Ana" } }) }]);
    expect(plan.follow_ups).toHaveLength(1);
  });

  it("clears the owner with one profile.updated, merged with the verdict's changes", () => {
    const p = lead({ owner: { id: "ana", name: "Ana" }, assigned_at: NOW - MINUTE });
    const verdict = { site: "acme", profile_id: p.id, type: "profile.updated" as const, at: NOW, data: { changes: { disposition: "lost" } } };
    const plan = assignByHand({ ...planOf([p]), transitions: [verdict] }, null, routing, NOW);
    expect(plan.profiles[0]).toMatchObject({ owner: null, assigned_at: null });
    expect(plan.transitions).toEqual([{ ...verdict, data: { changes: { disposition: "lost", owner: null } } }]);
  });

  it("changes nothing when the owner is already the one given", () => {
    const plan = planOf([lead({ owner: { id: "ana", name: "Ana" }, assigned_at: NOW - MINUTE })]);
    expect(assignByHand(plan, routing.owners[0]!, routing, NOW)).toBe(plan);
    const unowned = planOf([lead()]);
    expect(assignByHand(unowned, null, routing, NOW)).toBe(unowned);
  });
});

describe("planBatch with routing", () => {
  const event = (o: Partial<CollectedEvent>): CollectedEvent => ({
    id: `e${++n}`, site: "acme", type: "pageview", name: null, anonymous_id: "anon-1", user_id: null, previous_id: null, at: NOW - 5000, received_at: NOW - 5000,
    url: "https://acme.example/pricing", path: "/pricing", title: null,
    touch: { channel: "Paid Search", source: "google", medium: "cpc", campaign: "brand", term: null, content: null, referrer: null, landing_page: "https://acme.example/pricing", click_id: "gclid" },
    props: {}, traits: {}, device: null, geo: { country: "PT", region: null, city: null }, cookieless: false, origin: "snippet", ...o,
  });
  const qualifying = [
    event({}),
    event({ type: "form", url: "https://acme.example/contact", path: "/contact", at: NOW - 4000, props: { form_ms: 20_000 }, traits: { email: "vp@enterprise.example", job_title: "VP Sales", timeline: "this quarter" } }),
  ];
  const known = (routing: SiteRouting | null) => ({ identities: new Map(), profiles: new Map(), scoring: () => DEFAULT_SCORING, routing: () => routing });

  it("assigns the visitor a batch takes to mql, beside profile.qualified in the same plan", () => {
    const plan = planBatch(qualifying, known(siteRouting({ ...ROUND_ROBIN, rules: [{ when: { country: "PT", channel: "Paid Search" }, assign: "ben" }] })), { now: NOW, newId: () => "p_new" });
    expect(plan.profiles).toHaveLength(1);
    expect(plan.profiles[0]).toMatchObject({ id: "p_new", stage: "mql", owner: { id: "ben", name: "Ben" }, assigned_at: NOW });
    const types = plan.transitions.map((t) => t.type);
    expect(types).toContain("profile.qualified");
    expect(types.filter((t) => t === "profile.assigned")).toHaveLength(1);
    expect(plan.follow_ups).toEqual([expect.objectContaining({ profile_id: "p_new", owner_id: "ben", due_at: NOW + 30 * MINUTE })]);
  });

  it("plans exactly as before for a site without routing", () => {
    const withNone = planBatch(qualifying, known(null), { now: NOW, newId: () => "p_new" });
    expect(withNone.profiles[0]!.owner).toBeNull();
    expect(withNone.transitions.map((t) => t.type)).not.toContain("profile.assigned");
    expect(withNone.follow_ups).toEqual([]);
  });
});
