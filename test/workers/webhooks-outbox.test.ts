// The outbox: written in the profile change's own transaction, never twice, and delivered exactly once even when a
// consumer crashes between its commit and the fan-out (the sweep after later batches, and the hourly cron, catch up).
import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { emptyPlan, planBatch } from "../../worker/core/profiles/plan";
import { newProfile } from "../../worker/core/profiles/profile";
import worker from "../../worker/index";
import { storeEvents } from "../../worker/jobs/events";
import { commit } from "../../worker/store/commit";
import { loadKnown } from "../../worker/store/consumer";
import { dispatchOutbox, OVERDUE_GRACE_MS, sweepWebhooks } from "../../worker/services/webhooks/dispatch";
import { api, collectedEvent, createSite, dbOf, deliver, env, envOf, eventually, profileOf, shardOf, uid } from "./support";
import { consume, createWebhook, deliveryIds, deliveryRow, fakeQueue, identifyEvent, receiver } from "./webhooks-support";

let crm: ReturnType<typeof receiver>;
beforeEach(() => {
  crm = receiver();
  // The real WEBHOOKS consumer runs in this isolate and calls the global fetch: it reaches this receiver.
  vi.stubGlobal("fetch", crm.fetch);
});
afterEach(() => vi.unstubAllGlobals());

/** A count over a site's rows, in its shard: the site is the query's first parameter. */
const count = async (sql: string, site: string, ...args: unknown[]) => (await (await dbOf(site)).prepare(sql).bind(site, ...args).first<{ n: number }>())!.n;
const outboxOf = async (site: string) => (await dbOf(site)).prepare("SELECT * FROM webhook_outbox WHERE site = ?1 ORDER BY at, type").bind(site).all<Record<string, any>>().then((r) => r.results);
const callsFor = (site: string) => crm.calls.filter((c) => JSON.parse(c.body)?.data?.profile?.site === site); // other tests share this stub: an account.qualified carries an account, a Slack alert no data

describe("the outbox", () => {
  it("is written in the same transaction as the profile change: both or neither", async () => {
    const site = await createSite();
    const db = await dbOf(site);
    const now = Date.now();
    const known = await loadKnown(db, [identifyEvent(site.id)]);
    const plan = planBatch(known.fresh, known, { now, newId: () => uid("p_") });
    // A plan with one impossible row (a profile without a site breaks NOT NULL) commits nothing at all.
    const broken = { ...plan, profiles: [...plan.profiles, { ...plan.profiles[0]!, id: uid("p_"), site: null as unknown as string }] };
    await expect(commit(db, broken, now)).rejects.toThrow();
    expect(await count("SELECT COUNT(*) AS n FROM profiles WHERE site = ?1", site.id)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM webhook_outbox WHERE site = ?1", site.id)).toBe(0);
    await commit(db, plan, now);
    const rows = await outboxOf(site.id);
    expect(rows.map((r) => r.type).sort()).toEqual(plan.transitions.map((t) => t.type).sort());
    expect(rows.map((r) => r.type)).toContain("profile.identified");
    const stored = await db.prepare("SELECT id, email FROM profiles WHERE site = ?1").bind(site.id).first<{ id: string; email: string }>();
    for (const r of rows) expect(JSON.parse(r.snapshot).record).toMatchObject({ id: stored!.id, email: stored!.email });
    expect(rows.every((r) => r.dispatched_at === null)).toBe(true);
    // Written again (a retried write, a re-planned batch), the same transitions keep their one row each.
    await commit(db, { ...emptyPlan(), profiles: plan.profiles, transitions: plan.transitions }, now + 5000);
    expect(await outboxOf(site.id)).toEqual(rows);
  });

  it("is split into several statements when a batch's snapshots would pass D1's limit on one bound value, and keeps every row", async () => {
    const site = await createSite();
    const now = Date.now();
    const records = Array.from({ length: 6 }, () => ({ ...newProfile({ id: uid("p_"), site: site.id, at: now }), traits: { notes: "x".repeat(200_000) } }));
    const transitions = records.map((r) => ({ site: site.id, profile_id: r.id, type: "profile.identified" as const, at: now, data: {} }));
    // 6 × 200 KB of snapshots and profiles: one bound value would pass D1's 1 MB limit, so this commits only in chunks.
    await commit(await dbOf(site), { ...emptyPlan(), profiles: records, transitions }, now);
    expect(await count("SELECT COUNT(*) AS n FROM webhook_outbox WHERE site = ?1", site.id)).toBe(6);
    expect(await count("SELECT COUNT(*) AS n FROM profiles WHERE site = ?1", site.id)).toBe(6);
  });

  it("gets no second row or delivery from a redelivered events batch", async () => {
    const site = await createSite();
    await createWebhook(site.id);
    const e = identifyEvent(site.id);
    await deliver([{ v: 1, events: [e] }]);
    const before = await outboxOf(site.id);
    await deliver([{ v: 1, events: [e] }, { v: 1, events: [e] }], 2);
    expect(await outboxOf(site.id)).toEqual(before);
    expect(await count("SELECT COUNT(*) AS n FROM webhook_deliveries d JOIN webhook_outbox o ON o.id = d.outbox_id WHERE o.site = ?1", site.id)).toBe(1);
    await eventually(async () => callsFor(site.id).length === 1);
    const [delivery] = (await api(`/api/v1/webhooks?site=${site.id}`)).body.data;
    await eventually(async () => (await api(`/api/v1/webhooks/${delivery.id}/deliveries`)).body.data[0]?.status === "delivered");
    expect(callsFor(site.id)).toHaveLength(1);
  });

  it("still delivers exactly once when the consumer dies after its commit, before the fan-out", async () => {
    const site = await createSite();
    const hook = await createWebhook(site.id);
    // The crash: the plan (profile + outbox) is committed, and nothing else happens.
    await storeEvents(await envOf(site), [identifyEvent(site.id)], { now: Date.now() });
    expect(await count("SELECT COUNT(*) AS n FROM webhook_outbox WHERE site = ?1 AND dispatched_at IS NULL", site.id)).toBeGreaterThan(0);
    expect(await deliveryIds(hook.id)).toEqual([]);
    // A later, unrelated batch (of another site of the same shard) runs the sweep.
    await deliver([{ v: 1, events: [collectedEvent({ site: (await createSite({ shard: await shardOf(site) })).id, anonymous_id: uid("anon") })] }]);
    await eventually(async () => (await deliveryRow((await deliveryIds(hook.id))[0] ?? ""))?.status === "delivered");
    // The hourly cron and further batches find nothing left to do.
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "17 * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    await deliver([{ v: 1, events: [collectedEvent({ site: site.id, anonymous_id: uid("anon") })] }]);
    expect(await deliveryIds(hook.id)).toHaveLength(1);
    expect(callsFor(site.id)).toHaveLength(1);
  });

  it("is dispatched by the hourly cron alone", async () => {
    const site = await createSite();
    const hook = await createWebhook(site.id);
    await storeEvents(await envOf(site), [identifyEvent(site.id)], { now: Date.now() });
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "17 * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);
    await eventually(async () => callsFor(site.id).length === 1);
    expect(await deliveryIds(hook.id)).toHaveLength(1);
  });

  it("resends a delivery whose queue message was lost, once it is overdue", async () => {
    const site = await createSite();
    const hook = await createWebhook(site.id);
    const now = Date.now();
    const db = await dbOf(site);
    await storeEvents(await envOf(site), [identifyEvent(site.id)], { now });
    // The crash between the fan-out's commit and the queue send:
    await expect(dispatchOutbox({ DB: db, WEBHOOKS: fakeQueue({ failSend: true }).queue }, now)).rejects.toThrow("queue unavailable");
    const [id] = await deliveryIds(hook.id);
    expect(await deliveryRow(id!)).toMatchObject({ status: "pending", attempts: 0 });
    const early = fakeQueue();
    await sweepWebhooks({ DB: db, WEBHOOKS: early.queue }, now + 1000);
    expect(early.sent.filter((s) => s.body.delivery_id === id)).toEqual([]);
    const later = fakeQueue();
    const sweptAt = now + OVERDUE_GRACE_MS + 1000;
    await sweepWebhooks({ DB: db, WEBHOOKS: later.queue }, sweptAt);
    const resent = later.sent.filter((s) => s.body.delivery_id === id);
    expect(resent).toEqual([{ body: { v: 1, delivery_id: id, attempt: 0 }, delaySeconds: 0 }]);
    const again = fakeQueue();
    await sweepWebhooks({ DB: db, WEBHOOKS: again.queue }, sweptAt + 1000);
    expect(again.sent.filter((s) => s.body.delivery_id === id)).toEqual([]);
    const direct = receiver();
    await consume(resent.map((s) => s.body), { fetch: direct.fetch, clock: () => sweptAt });
    expect(direct.calls).toHaveLength(1);
    expect(await deliveryRow(id!)).toMatchObject({ status: "delivered", attempts: 1 });
  });

  it("sends a transition only to endpoints whose filters its profile passes", async () => {
    const site = await createSite();
    const leads = await createWebhook(site.id, { events: ["profile.stage_changed"], filters: { stage: "lead" } });
    const customers = await createWebhook(site.id, { events: ["profile.stage_changed"], filters: { stage: "customer" } });
    const highScores = await createWebhook(site.id, { events: ["profile.stage_changed"], filters: { min_score: 1000 } });
    await deliver([{ v: 1, events: [identifyEvent(site.id)] }]);
    expect(await deliveryIds(leads.id)).toHaveLength(1);
    expect(await deliveryIds(customers.id)).toHaveLength(0);
    expect(await deliveryIds(highScores.id)).toHaveLength(0);
  });
});

describe("transitions from the API", () => {
  it("sends profile.stage_changed after a PATCH", async () => {
    const site = await createSite();
    const hook = await createWebhook(site.id, { events: ["profile.stage_changed"] });
    const anon = uid("anon");
    await deliver([{ v: 1, events: [identifyEvent(site.id, { anonymous_id: anon })] }]);
    const profile = await profileOf(site.id, anon);
    expect((await api(`/api/v1/profiles/${profile.id}`, { method: "PATCH", body: JSON.stringify({ stage: "sql" }) })).status).toBe(200);
    await eventually(async () => callsFor(site.id).some((c) => JSON.parse(c.body).data.to === "sql"));
    const sql = callsFor(site.id).map((c) => JSON.parse(c.body)).find((b) => b.data.to === "sql");
    expect(sql).toMatchObject({ type: "profile.stage_changed", data: { from: "lead", to: "sql", by: "api", profile: { id: profile.id, stage: "sql" } } });
    expect(await deliveryIds(hook.id)).toHaveLength(2);
  });

  it("records profile.deleted in the erasure's own transaction with a minimal snapshot, and scrubs earlier snapshots", async () => {
    const site = await createSite();
    await createWebhook(site.id, { events: ["profile.deleted"], filters: { grade: "A" } });
    const anon = uid("anon");
    const e = identifyEvent(site.id, { anonymous_id: anon, user_id: uid("user"), traits: { email: `${uid("gone")}@northwind-test.com`, phone: "+34 600 000 000", company: "Northwind" } });
    await deliver([{ v: 1, events: [e] }]);
    const profile = await profileOf(site.id, anon);
    expect((await api(`/api/v1/profiles/${profile.id}`, { method: "DELETE" })).status).toBe(204);
    const rows = await outboxOf(site.id);
    const deleted = rows.find((r) => r.type === "profile.deleted")!;
    const stub = { id: profile.id, site: site.id, email: e.traits.email, user_id: e.user_id };
    expect(JSON.parse(deleted.snapshot)).toEqual({ stub });
    for (const r of rows) expect(r.snapshot).not.toContain("Northwind");
    // Deletions ignore filters: the endpoint wants only grade A leads, and still hears of every erasure.
    await eventually(async () => callsFor(site.id).length === 1);
    expect(JSON.parse(callsFor(site.id)[0]!.body)).toMatchObject({ type: "profile.deleted", data: { profile: stub } });
  });
});
