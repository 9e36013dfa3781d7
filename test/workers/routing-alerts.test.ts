// Owners and alerts end to end in the Workers runtime: a qualified lead gets its owner in the consumer's own commit,
// Slack- and Teams-shaped receivers hear of it through the real WEBHOOKS queue and consumer (retried when they fail),
// an overdue lead is escalated exactly once and a contacted one never, and round robin stays even when two consumer
// batches assign at the same time.
import { createMessageBatch } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { planBatch } from "../../worker/core/profiles/plan";
import type { Env } from "../../worker/env";
import { consumeEvents, storeEvents } from "../../worker/jobs/events";
import { FOLLOW_UP_GRACE_MS, sweepFollowUps } from "../../worker/services/routing/follow-ups";
import { sweepWebhooks } from "../../worker/services/webhooks/dispatch";
import { commit } from "../../worker/store/commit";
import { loadKnown } from "../../worker/store/consumer";
import { isRotationConflict, loadRouting } from "../../worker/store/routing";
import { DEFAULT_SCORING } from "../../worker/core/scoring";
import { api, collectedEvent, createSite, deliver, env, envOf, eventually, profileOf, uid } from "./support";
import { alertReceivers, followUpRow, owner, outboxOf, putRouting, qualifyingEvents } from "./routing-support";
import { createWebhook, fakeQueue } from "./webhooks-support";

const MINUTE = 60_000;
let receivers: ReturnType<typeof alertReceivers>;
let failing: (path: string, n: number) => boolean;
beforeEach(() => {
  failing = () => false;
  receivers = alertReceivers((path, n) => failing(path, n));
  // The real WEBHOOKS consumer runs in this isolate and calls the global fetch: it reaches these receivers.
  vi.stubGlobal("fetch", receivers.fetch);
});
afterEach(() => vi.unstubAllGlobals());

const alertsOf = async (site: string) => (await api(`/api/v1/sites/${site}/routing/alerts`)).body.data as { id: string; kind: string; owner_id: string }[];
const logOf = async (endpoint: string) => (await api(`/api/v1/webhooks/${endpoint}/deliveries`)).body.data as any[];
const crmCalls = (site: string, type: string) => receivers.received.filter((r) => r.kind === "other" && r.body.type === type && r.body.data.profile?.site === site);

describe("an assignment", () => {
  it("gives the lead its owner in the commit that qualifies it, and alerts that owner in Slack and Teams with who and why", async () => {
    const { id: site } = await createSite();
    await putRouting(site, { owners: [owner("ana", { slack: true, teams: true }), owner("ben")], rules: [{ when: { country: "PT" }, assign: "ana" }], fallback: "ben" });
    await createWebhook(site, { events: ["profile.assigned"] });
    const anon = uid("anon");
    await deliver([{ v: 1, events: qualifyingEvents(site, { anonymous_id: anon }) }]);
    const lead = await profileOf(site, anon);
    expect(lead).toMatchObject({ stage: "mql", owner: { id: "ana", name: "Ana" } });
    expect(Date.parse(lead.assigned_at)).toBeGreaterThan(Date.now() - MINUTE);
    // The assignment and the qualification were written together.
    const [assigned] = await outboxOf(site, "profile.assigned");
    const [qualified] = await outboxOf(site, "profile.qualified");
    expect(assigned!.created_at).toBe(qualified!.created_at);
    expect(assigned!.data).toMatchObject({ owner: { id: "ana", name: "Ana" }, by: "routing", rule: 0 });

    await eventually(async () => receivers.to("slack", "ana").length === 1 && receivers.to("teams", "ana").length === 1 && crmCalls(site, "profile.assigned").length === 1);
    const slack = receivers.to("slack", "ana")[0]!.body;
    expect(slack.text).toMatch(/^New lead for Ana: Ana López \(VP Sales at Northwind\) · grade [A-C], /);
    const slackText = JSON.stringify(slack.blocks);
    expect(slackText).toContain(`/dashboard/profiles/${lead.id}?site=${site}|Open the lead in Pista`);
    expect(slackText).toContain("*Why*");
    const teams = receivers.to("teams", "ana")[0]!.body;
    expect(teams).toMatchObject({ "@type": "MessageCard", title: "New lead for Ana: Ana López", potentialAction: [{ "@type": "OpenUri" }] });
    expect(teams.sections[0].facts).toContainEqual({ name: "Owner", value: "Ana" });
    expect(receivers.to("slack", "ben")).toEqual([]);
    for (const endpoint of (await alertsOf(site)).filter((e) => e.owner_id === "ana")) {
      await eventually(async () => (await logOf(endpoint.id))[0]?.status === "delivered");
      expect(await logOf(endpoint.id)).toEqual([expect.objectContaining({ type: "profile.assigned", profile_id: lead.id, attempts: 1, response_code: 200 })]);
    }
  });

  it("also happens when a new scoring configuration qualifies a lead (the rescore commits the owner with the stage)", async () => {
    const { id: site } = await createSite();
    await putRouting(site, { owners: [owner("ana")], fallback: "ana" });
    const anon = uid("anon");
    await deliver([{ v: 1, events: [collectedEvent({ site, anonymous_id: anon, type: "identify", traits: { email: `${anon}@enterprise-test.com` } }), collectedEvent({ site, anonymous_id: anon })] }]);
    expect(await profileOf(site, anon)).toMatchObject({ stage: "lead", owner: null });
    const easier = { ...DEFAULT_SCORING, stages: { ...DEFAULT_SCORING.stages, mql_min_score: 0.5, mql_min_grade: "F", hysteresis: 0 } };
    expect((await api(`/api/v1/sites/${site}/scoring`, { method: "PUT", body: JSON.stringify(easier) })).status).toBe(200);
    const lead = await eventually(async () => {
      const p = await profileOf(site, anon);
      return p.stage === "mql" && p;
    });
    expect(lead.owner).toEqual({ id: "ana", name: "Ana" });
    expect((await outboxOf(site, "profile.assigned")).map((r) => r.profile_id)).toEqual([lead.id]);
    await eventually(async () => receivers.to("slack", "ana").length === 1);
  });

  it("retries an alert that fails once, on the webhook schedule, and it arrives", async () => {
    const { id: site } = await createSite();
    await putRouting(site, { owners: [owner("ana")], fallback: "ana" });
    failing = (path, n) => path === "/slack/ana" && n === 1;
    await deliver([{ v: 1, events: qualifyingEvents(site) }]);
    const [endpoint] = await alertsOf(site);
    await eventually(async () => (await logOf(endpoint!.id))[0]?.status === "delivered", 20_000);
    expect(receivers.to("slack", "ana").map((r) => r.status)).toEqual([500, 200]);
    expect(receivers.to("slack", "ana")[1]!.body).toEqual(receivers.to("slack", "ana")[0]!.body);
    expect((await logOf(endpoint!.id))[0]).toMatchObject({ status: "delivered", attempts: 2, response_code: 200 });
  }, 30_000);

  it("sends a clearly marked test alert through the same pipeline, replayable from its log", async () => {
    const { id: site } = await createSite();
    await putRouting(site, { owners: [owner("ana", { slack: true, teams: true })] });
    const res = await api(`/api/v1/sites/${site}/routing/test`, { method: "POST", body: JSON.stringify({ owner: "ana" }) });
    expect(res.status).toBe(202);
    expect(res.body.endpoints.map((e: { kind: string }) => e.kind).sort()).toEqual(["slack", "teams"]);
    await eventually(async () => receivers.to("slack", "ana").length === 1 && receivers.to("teams", "ana").length === 1);
    expect(receivers.to("slack", "ana")[0]!.body.text).toBe("Test alert for Ana from Pista (no action needed)");
    expect(receivers.to("teams", "ana")[0]!.body.title).toBe("Test alert for Ana from Pista (no action needed)");
    const slack = (await alertsOf(site)).find((e) => e.kind === "slack")!;
    await eventually(async () => (await logOf(slack.id)).filter((d) => d.status === "delivered").length === 1);
    const [logged] = await logOf(slack.id);
    expect(logged).toMatchObject({ type: "webhook.test" });
    expect((await api(`/api/v1/webhooks/${slack.id}/deliveries/${logged.id}/replay`, { method: "POST" })).status).toBe(202);
    await eventually(async () => receivers.to("slack", "ana").length === 2);
    expect(receivers.to("slack", "ana")[1]!.body).toEqual(receivers.to("slack", "ana")[0]!.body);
  });
});

describe("a follow-up deadline", () => {
  /** A lead assigned to Ana with 30 minutes to make contact, escalated to Eve; the delayed checks go to a fake queue. */
  async function assignedLead() {
    const site = (await createSite()).id;
    await putRouting(site, {
      owners: [owner("ana"), owner("eve", { slack: true, teams: true })],
      rules: [{ when: {}, assign: "ana" }],
      follow_up: { within_minutes: 30, escalate_to: "eve" },
    });
    await createWebhook(site, { events: ["profile.follow_up_overdue"] });
    const anon = uid("anon");
    const checks = fakeQueue();
    const now = Date.now();
    await storeEvents(await envOf(site), qualifyingEvents(site, { anonymous_id: anon }), { now, followUps: checks.queue });
    const lead = await profileOf(site, anon);
    return { site, lead, now, checks };
  }

  /** Runs follow-up messages through the real EVENTS consumer at a given moment; further hops go to `next` (whichever
   *  shard's EVENTS queue the consumer picks for the site). */
  async function check(messages: unknown[], at: number) {
    const next = fakeQueue();
    const batch = createMessageBatch("pista-events", messages.map((body, i) => ({ id: `f${i}-${uid()}`, timestamp: new Date(), attempts: 1, body })));
    const queues = Object.fromEntries(Object.keys(env).filter((k) => /^EVENTS(_[A-Za-z0-9]+)?$/.test(k)).map((k) => [k, next.queue]));
    await consumeEvents(batch, { ...env, ...queues } as unknown as Env, { now: at });
    return next.sent;
  }

  it("is checked by a message delayed until it is due; an overdue lead is escalated exactly once, to webhooks and the escalation owner", async () => {
    const { site, lead, now, checks } = await assignedLead();
    const due = now + 30 * MINUTE;
    expect(await followUpRow(site, lead.id)).toMatchObject({ owner_id: "ana", assigned_at: now, due_at: due, escalate_to: "eve", status: "waiting" });
    const message = { v: 1, follow_up: { site, profile_id: lead.id, due_at: due } };
    expect(checks.sent).toEqual([{ body: message, delaySeconds: 30 * 60 }]);

    // Early: another hop for the time left, nothing sent.
    expect(await check([message], due - 2 * MINUTE)).toEqual([{ body: message, delaySeconds: 120 }]);
    expect(await outboxOf(site, "profile.follow_up_overdue")).toEqual([]);
    // Due: the message, a duplicate of it, and two checks at once, then the hourly safety net.
    await check([message], due);
    await Promise.all([check([message], due + 1000), check([message, message], due + 2000)]);
    expect(await sweepFollowUps(await envOf(site), due + FOLLOW_UP_GRACE_MS + MINUTE)).toBe(0);
    const overdue = await outboxOf(site, "profile.follow_up_overdue");
    expect(overdue).toHaveLength(1);
    expect(overdue[0]).toMatchObject({ profile_id: lead.id, at: due, data: { owner: { id: "ana", name: "Ana" }, within_minutes: 30, escalate_to: "eve" } });
    expect(await followUpRow(site, lead.id)).toMatchObject({ status: "overdue" });

    await sweepWebhooks(await envOf(site), Date.now());
    await eventually(async () => receivers.to("slack", "eve").length === 1 && receivers.to("teams", "eve").length === 1 && crmCalls(site, "profile.follow_up_overdue").length === 1);
    expect(receivers.to("slack", "eve")[0]!.body.text).toMatch(/^Follow-up overdue: Ana López/);
    expect(JSON.stringify(receivers.to("slack", "eve")[0]!.body.blocks)).toContain("Escalated to Eve.");
    expect(crmCalls(site, "profile.follow_up_overdue")[0]!.body.data).toMatchObject({ owner: { id: "ana" }, escalate_to: "eve", profile: { id: lead.id, owner: { id: "ana" } } });
    // Ana was alerted of the assignment only; nobody hears of the overdue lead twice.
    await sweepWebhooks(await envOf(site), Date.now());
    await check([message], due + 3 * MINUTE);
    expect(receivers.to("slack", "eve")).toHaveLength(1);
    expect(crmCalls(site, "profile.follow_up_overdue")).toHaveLength(1);
    expect(receivers.to("slack", "ana").filter((r) => r.body.text.startsWith("Follow-up overdue"))).toEqual([]);
  });

  it("never escalates a lead contacted in time, whether the message or the cron checks it", async () => {
    const { site, lead, now } = await assignedLead();
    const due = now + 30 * MINUTE;
    expect((await api(`/api/v1/profiles/${lead.id}`, { method: "PATCH", body: JSON.stringify({ contacted: true }) })).status).toBe(200);
    await check([{ v: 1, follow_up: { site, profile_id: lead.id, due_at: due } }], due);
    expect(await followUpRow(site, lead.id)).toMatchObject({ status: "met" });
    expect(await sweepFollowUps(await envOf(site), due + 2 * FOLLOW_UP_GRACE_MS)).toBe(0);
    expect(await outboxOf(site, "profile.follow_up_overdue")).toEqual([]);
    expect((await api(`/api/v1/profiles?site=${site}&overdue=true`)).body.data).toEqual([]);
  });

  it("is escalated by the hourly sweep when its delayed message was lost, once", async () => {
    const { site, lead, now } = await assignedLead();
    const shard = await envOf(site);
    const due = now + 30 * MINUTE;
    expect(await sweepFollowUps(shard, due + FOLLOW_UP_GRACE_MS - 1000)).toBe(0);
    const swept = due + FOLLOW_UP_GRACE_MS + MINUTE;
    const [first, second] = await Promise.all([sweepFollowUps(shard, swept), sweepFollowUps(shard, swept + 1000)]);
    expect(first + second).toBeGreaterThanOrEqual(1);
    expect(await outboxOf(site, "profile.follow_up_overdue")).toHaveLength(1);
    // An hour later the sweep runs again (over every site of the shared test shard): this lead is not escalated twice.
    await sweepFollowUps(shard, swept + 3_600_000);
    expect(await outboxOf(site, "profile.follow_up_overdue")).toHaveLength(1);
    expect((await outboxOf(site, "profile.follow_up_overdue"))[0]!.profile_id).toBe(lead.id);
  });

  it("is dropped when the lead is given to someone else, whose own deadline then runs", async () => {
    const { site, lead, now } = await assignedLead();
    expect((await api(`/api/v1/profiles/${lead.id}`, { method: "PATCH", body: JSON.stringify({ owner: "eve" }) })).status).toBe(200);
    await check([{ v: 1, follow_up: { site, profile_id: lead.id, due_at: now + 30 * MINUTE } }], now + 30 * MINUTE);
    expect(await followUpRow(site, lead.id)).toMatchObject({ owner_id: "eve", status: "waiting" });
    expect(await outboxOf(site, "profile.follow_up_overdue")).toEqual([]);
  });
});

describe("round robin", () => {
  it("stays even when two consumer batches assign at the same time", async () => {
    const { id: site } = await createSite();
    await putRouting(site, { owners: [owner("ana"), owner("ben"), owner("chloe")], rules: [{ when: {}, assign: { round_robin: ["ana", "ben", "chloe"] } }] });
    // Thirty people of thirty companies: people of one company would all go to its account's owner.
    const leads = Array.from({ length: 30 }, () => qualifyingEvents(site, { email: `vp@${uid("co")}.example` }));
    const shard = await envOf(site);
    const consumer = async (batches: typeof leads) => {
      for (const events of batches) await storeEvents(shard, events, { now: Date.now() });
    };
    await Promise.all([consumer(leads.slice(0, 15)), consumer(leads.slice(15))]);
    const { results } = await shard.DB.prepare("SELECT owner_id, COUNT(*) AS n FROM profiles WHERE site = ?1 GROUP BY owner_id ORDER BY owner_id").bind(site).all();
    expect(results).toEqual([{ owner_id: "ana", n: 10 }, { owner_id: "ben", n: 10 }, { owner_id: "chloe", n: 10 }]);
    expect(await shard.DB.prepare("SELECT next FROM routing_rotations WHERE site = ?1").bind(site).first("next")).toBe(30);
    expect(await outboxOf(site, "profile.assigned")).toHaveLength(30);
  });

  it("refuses the commit of a batch planned from a counter another commit moved, and plans it again", async () => {
    const { id: site } = await createSite();
    await putRouting(site, { owners: [owner("ana"), owner("ben")], rules: [{ when: {}, assign: { round_robin: ["ana", "ben"] } }] });
    const [first, second] = [qualifyingEvents(site), qualifyingEvents(site)];
    const shard = await envOf(site);
    const db = shard.DB;
    const now = Date.now();
    const planned = await Promise.all([first, second].map(async (events) => {
      const known = await loadKnown(db, events);
      const routing = await loadRouting(db, [site]);
      return planBatch(known.fresh, { ...known, routing: (s) => routing.get(s) ?? null }, { now, newId: () => uid("p_") });
    }));
    // Both read the counter at 0, so both planned Ana.
    expect(planned.map((p) => p.profiles[0]!.owner?.id)).toEqual(["ana", "ana"]);
    await commit(db, planned[0]!, now);
    const refused = await commit(db, planned[1]!, now).then(() => null, (err: unknown) => err);
    expect(isRotationConflict(refused)).toBe(true);
    expect(await db.prepare("SELECT COUNT(*) AS n FROM profiles WHERE id = ?1").bind(planned[1]!.profiles[0]!.id).first("n")).toBe(0);
    await storeEvents(shard, second, { now });
    const { results } = await db.prepare("SELECT owner_id FROM profiles WHERE site = ?1 ORDER BY owner_id").bind(site).all();
    expect(results).toEqual([{ owner_id: "ana" }, { owner_id: "ben" }]);
  });
});
