// The plan of a queue batch and the replans (PATCH, rescore, cooling): what each writes, table-driven, and that no
// plan changes what it was given.
import { describe, expect, it } from "vitest";
import type { CollectedEvent } from "../../schema/event";
import { planBatch, type KnownState, type Plan } from "../../worker/core/profiles/plan";
import { coolingPlan, patchPlan, rescorePlan } from "../../worker/core/profiles/replan";
import { DEFAULT_SCORING } from "../../worker/core/scoring";
import { event, MemoryConsumer } from "./support/consumer";

const T0 = Date.UTC(2026, 9, 1, 9);
const MIN = 60_000;
const DAY = 86_400_000;

/** Runs batches through the in-memory consumer; `expect` reads the final state and every plan. */
function run(batches: CollectedEvent[][]) {
  const c = new MemoryConsumer(DEFAULT_SCORING);
  batches.forEach((b, i) => c.batch(b, T0 + i * MIN + 30_000));
  return c;
}
const all = (c: MemoryConsumer, pick: (p: Plan) => unknown[]) => c.plans.flatMap(pick);
const view = (a: string, at: number, o: Partial<CollectedEvent> = {}) => event({ anonymous_id: a, at, ...o });
const identify = (a: string, at: number, traits: Record<string, unknown>, o: Partial<CollectedEvent> = {}) => event({ anonymous_id: a, at, type: "identify", traits, ...o });

describe("planBatch", () => {
  it.each<[string, CollectedEvent[][], (c: MemoryConsumer) => void]>([
    [
      "two devices of one verified person in one batch end in one profile, the identified one surviving",
      [[view("a1", T0), view("a2", T0 + 1), identify("a1", T0 + 2, { email: "lin@acme.io" }), identify("a2", T0 + 3, { email: "lin@acme.io" }, { trust: "verified" })]],
      (c) => {
        expect(c.profiles.size).toBe(1);
        const [p] = [...c.profiles.values()];
        expect(p).toMatchObject({ email: "lin@acme.io", stage: "lead", counts: { events: 4 } });
        expect(p!.anonymous_ids.sort()).toEqual(["a1", "a2"]);
        expect(all(c, (p) => p.merges)).toEqual([expect.objectContaining({ into_id: p!.id, reason: "identify" })]);
        // every row of the batch points at the survivor, none at the merged-away profile
        for (const rows of [all(c, (p) => p.events), all(c, (p) => p.touches), all(c, (p) => p.identities)]) {
          expect(rows.every((r) => (r as { profile_id: string }).profile_id === p!.id)).toBe(true);
        }
      },
    ],
    [
      "a chain of merges within one batch resolves every row to the last survivor",
      [[view("a1", T0), view("a2", T0 + 1), view("a3", T0 + 2),
        identify("a1", T0 + 3, { email: "kim@acme.io" }),
        identify("a2", T0 + 4, { email: "kim@acme.io" }, { trust: "verified" }),
        identify("a3", T0 + 5, { email: "kim@acme.io" }, { trust: "verified" })]],
      (c) => {
        expect(c.profiles.size).toBe(1);
        const survivor = [...c.profiles.values()][0]!.id;
        const merges = all(c, (p) => p.merges) as { from_id: string; into_id: string }[];
        expect(merges).toHaveLength(2);
        expect(merges.every((m) => m.into_id === survivor)).toBe(true);
        expect(all(c, (p) => p.deleted).sort()).toEqual(merges.map((m) => m.from_id).sort());
        expect((all(c, (p) => p.events) as { profile_id: string }[]).every((e) => e.profile_id === survivor)).toBe(true);
      },
    ],
    [
      "a merge across batches keeps the earlier batch's identified profile and moves the later device's history",
      [[view("a1", T0), identify("a1", T0 + 1, { email: "ana@acme.io" })], [view("a2", T0 + MIN), identify("a2", T0 + MIN + 1, { email: "ana@acme.io" }, { trust: "verified" })]],
      (c) => {
        const [p] = [...c.profiles.values()];
        expect(c.profiles.size).toBe(1);
        expect(p).toMatchObject({ email: "ana@acme.io", counts: { events: 4, sessions: 2 } });
        expect(all(c, (x) => x.transitions).map((t) => (t as { type: string }).type)).toEqual(["profile.identified", "profile.stage_changed", "profile.merged"]);
      },
    ],
    [
      "an unverified claim of another profile's e-mail merges nothing and changes nothing of it",
      [[view("a1", T0), identify("a1", T0 + 1, { email: "ana@acme.io", job_title: "Engineer" })], [identify("a2", T0 + MIN, { email: "ana@acme.io", job_title: "CEO" })]],
      (c) => {
        expect(c.profiles.size).toBe(2);
        expect(c.profileOf("s", "a1")).toMatchObject({ email: "ana@acme.io", traits: { job_title: "Engineer" }, anonymous_ids: ["a1"] });
        expect(c.profileOf("s", "a2")).toMatchObject({ email: null, stage: "visitor" });
        expect(c.profileOf("s", "a2")!.claims).toEqual([expect.objectContaining({ identity: { profile: c.profileOf("s", "a1")!.id, identifiers: [{ kind: "email", value: "ana@acme.io" }] } })]);
        expect(all(c, (p) => p.merges)).toEqual([]);
        expect(c.plans[1]!.profiles.map((p) => p.id)).toEqual([c.profileOf("s", "a2")!.id]);
      },
    ],
    [
      "two user ids claiming one e-mail stay apart; the later claim is refused with its reason",
      [[identify("a1", T0, { email: "team@acme.io" }, { user_id: "u1", origin: "segment" })], [identify("a2", T0 + MIN, { email: "team@acme.io" }, { user_id: "u2", origin: "segment" })]],
      (c) => {
        expect(c.profiles.size).toBe(2);
        expect(all(c, (p) => p.rejections)).toEqual([expect.objectContaining({ kind: "email", value: "team@acme.io", reason: "belongs_to_another_profile" })]);
      },
    ],
    [
      "a redelivered event is planned again only if the store has not got it (the store dedupes by id); transitions fire once per crossing",
      [[view("a1", T0), identify("a1", T0 + 1, { email: "ana@acme.io" }), identify("a1", T0 + 2, { email: "ana@acme.io", name: "Ana" })]],
      (c) => {
        const types = all(c, (p) => p.transitions).map((t) => (t as { type: string }).type);
        expect(types.filter((t) => t === "profile.identified")).toHaveLength(1);
        expect(all(c, (p) => p.conversions).filter((x) => (x as { kind: string }).kind === "lead")).toHaveLength(1);
      },
    ],
    [
      "a custom conversion is keyed by its event id within the site, with its value",
      [[view("a1", T0), event({ id: "order-1001", anonymous_id: "a1", at: T0 + 1, type: "track", name: "purchase", props: { value: 120 } })]],
      (c) => {
        expect(all(c, (p) => p.conversions)).toEqual([expect.objectContaining({ id: "event:order-1001", site: "s", kind: "event", name: "purchase", value: 120 })]);
      },
    ],
    [
      "events of a cookieless visitor carry no identity and no traits",
      [[identify("c_1", T0, { email: "ana@acme.io", name: "Ana" }, { cookieless: true, traits: {} })]],
      (c) => {
        expect(c.profileOf("s", "c_1")).toMatchObject({ email: null, traits: {}, stage: "visitor" });
      },
    ],
  ])("%s", (_name, batches, check) => check(run(batches)));

  it("changes nothing it was given", () => {
    const c = run([[view("a1", T0), identify("a1", T0 + 1, { email: "ana@acme.io" })]]);
    const known: KnownState = { identities: new Map(c.identities), profiles: new Map(c.profiles), scoring: () => DEFAULT_SCORING };
    const events = [view("a2", T0 + MIN), identify("a2", T0 + MIN + 1, { email: "ana@acme.io" }, { trust: "verified" })];
    const snapshot = JSON.stringify({ identities: [...known.identities], profiles: [...known.profiles], events });
    planBatch(events, known, { now: T0 + 2 * MIN, newId: () => "p_new" });
    expect(JSON.stringify({ identities: [...known.identities], profiles: [...known.profiles], events })).toBe(snapshot);
  });
});

describe("the replans", () => {
  const lead = () => run([[view("a1", T0, { path: "/pricing", url: "https://example.com/pricing" }), identify("a1", T0 + 1, { email: "ana@acme.io", job_title: "Engineer" })]]).profileOf("s", "a1")!;

  it.each<[string, Parameters<typeof patchPlan>[1], (plan: Plan) => void]>([
    ["a CRM's trait wins over a browser's, and null removes one", { traits: { job_title: "CTO", name: null } }, (plan) => {
      expect(plan.profiles[0]!.traits).toEqual({ email: "ana@acme.io", job_title: "CTO" });
      expect(plan.profiles[0]!.trait_sources.job_title).toBe("crm");
    }],
    ["a stage set by the CRM is kept, recorded as a stage change and a conversion", { stage: "customer" }, (plan) => {
      expect(plan.profiles[0]!.stage).toBe("customer");
      expect(plan.transitions.map((t) => t.type).sort()).toEqual(["profile.stage_changed", "profile.updated"]);
      expect(plan.transitions).toContainEqual(expect.objectContaining({ type: "profile.stage_changed", data: { from: "lead", to: "customer", by: "api" } }));
      expect(plan.conversions).toEqual([expect.objectContaining({ id: `customer:${plan.profiles[0]!.id}`, kind: "customer" })]);
    }],
    ["the verdict is kept and only what changed is announced", { disposition: "won", deal: { amount: 900, currency: "EUR" } }, (plan) => {
      expect(plan.profiles[0]).toMatchObject({ disposition: "won", deal: { amount: 900, currency: "EUR" } });
      expect(plan.transitions).toEqual([expect.objectContaining({ type: "profile.updated", data: { changes: { disposition: "won", deal: { amount: 900, currency: "EUR" } } } })]);
    }],
    ["nothing changed, nothing announced", { traits: {} }, (plan) => {
      expect(plan.transitions).toEqual([]);
      expect(plan.profiles).toHaveLength(1);
    }],
  ])("PATCH: %s", (_name, patch, check) => {
    const p = lead();
    const before = JSON.stringify(p);
    check(patchPlan(p, patch, DEFAULT_SCORING, T0 + DAY));
    expect(JSON.stringify(p)).toBe(before);
  });

  it("rescore: the ledger is rebuilt from the events under the new configuration", () => {
    const p = lead();
    const doubled = { ...DEFAULT_SCORING, behavior: { rules: DEFAULT_SCORING.behavior.rules.map((r) => ({ ...r, points: r.points * 2, max_per_day: undefined, max_lifetime: undefined })) } };
    const history = { profile: p, events: [{ type: "pageview", name: null, url: null, path: "/pricing", props: {}, at: T0 }], sessions: [T0] };
    const [before, after] = [rescorePlan([history], DEFAULT_SCORING, T0), rescorePlan([history], doubled, T0)];
    expect(after.profiles[0]!.score_key.rank - before.profiles[0]!.score_key.rank).toBeCloseTo(1, 9); // twice the score: log2 is one higher
  });

  it("cooling: time alone takes a faded mql back to lead, once", () => {
    const c = new MemoryConsumer(DEFAULT_SCORING);
    c.batch([view("a1", T0, { path: "/pricing", url: "https://example.com/pricing" }), event({ anonymous_id: "a1", at: T0 + 1, type: "form", path: "/demo", props: { form_ms: 9000 }, traits: { email: "cto@acme.io", job_title: "CTO", budget: "100000", timeline: "this month" } })], T0 + 2);
    expect(c.profileOf("s", "a1")!.stage).toBe("mql");
    expect(coolingPlan([c.profileOf("s", "a1")!], DEFAULT_SCORING, T0 + DAY).profiles).toEqual([]);
    const cooled = c.cool(T0 + 120 * DAY);
    expect(cooled.profiles.map((p) => p.stage)).toEqual(["lead"]);
    expect(cooled.transitions).toEqual([expect.objectContaining({ type: "profile.stage_changed", data: { from: "mql", to: "lead" } })]);
    expect(c.cool(T0 + 121 * DAY).profiles).toEqual([]);
  });
});
