// The WEBHOOKS consumer: signing, the delivery log, retries on the schedule, 410, redirects, stale messages, replay.
import { afterEach, describe, expect, it, vi } from "vitest";
import { Webhook } from "standardwebhooks";
import { api, createSite, dbOf, env, eventually } from "./support";
import { DELIVERED_RETENTION_MS, hourlyWebhookSweep } from "../../worker/services/webhooks/dispatch";
import { purgeDeliveredOutbox } from "../../worker/store/outbox";
import { consume, createWebhook, deliveryRow, fakeQueue, pendingDeliveries, receiver } from "./webhooks-support";

afterEach(() => vi.unstubAllGlobals());

/** A clock the test moves; latency is whatever the receiver lets pass. */
function manualClock(start = Date.now()) {
  const clock = { t: start, now: () => clock.t };
  return clock;
}

describe("a delivery attempt", () => {
  it("POSTs a Standard-Webhooks-signed body and logs the success", async () => {
    const { hook, events, messages } = await pendingDeliveries();
    const clock = manualClock();
    const crm = receiver(() => {
      clock.t += 37;
      return new Response(null, { status: 204 });
    });
    const { next, result } = await consume(messages, { fetch: crm.fetch, clock: clock.now });
    expect(result.explicitAcks).toHaveLength(1);
    expect(next).toEqual([]);
    expect(crm.calls).toHaveLength(1);
    const [call] = crm.calls;
    expect(call!.url).toBe(hook.url);
    expect(call!.headers["content-type"]).toBe("application/json");
    const payload = new Webhook(hook.secret).verify(call!.body, call!.headers) as any;
    expect(payload).toMatchObject({ type: "profile.identified", data: { profile: { site: hook.site, email: events[0]!.traits.email, stage: "lead" } } });
    expect(new Date(payload.timestamp).getTime()).toBe(events[0]!.at);
    expect(call!.headers["webhook-id"]).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(await deliveryRow(messages[0]!.delivery_id)).toMatchObject({
      status: "delivered", attempts: 1, response_code: 204, latency_ms: 37, last_error: null, next_attempt_at: null, delivered_at: clock.t,
    });
  });

  it("retries a 503 after the first scheduled wait with the same webhook-id, then logs the success", async () => {
    const { hook, messages } = await pendingDeliveries();
    const clock = manualClock();
    const crm = receiver((_c, n) => (n === 1 ? new Response("upstream busy", { status: 503 }) : new Response("ok")));
    const first = await consume(messages, { fetch: crm.fetch, clock: clock.now });
    const id = messages[0]!.delivery_id;
    expect(await deliveryRow(id)).toMatchObject({ status: "pending", attempts: 1, response_code: 503, last_error: "HTTP 503: upstream busy", next_attempt_at: clock.t + 5000 });
    expect(first.next).toEqual([{ body: { v: 1, delivery_id: id, attempt: 1 }, delaySeconds: 5 }]);
    clock.t += 5000;
    const second = await consume(first.next.map((n) => n.body), { fetch: crm.fetch, clock: clock.now });
    expect(second.next).toEqual([]);
    expect(crm.calls).toHaveLength(2);
    expect(crm.calls[1]!.headers["webhook-id"]).toBe(crm.calls[0]!.headers["webhook-id"]);
    expect(Number(crm.calls[1]!.headers["webhook-timestamp"]) - Number(crm.calls[0]!.headers["webhook-timestamp"])).toBe(5);
    expect(() => new Webhook(hook.secret).verify(crm.calls[1]!.body, crm.calls[1]!.headers)).not.toThrow();
    expect(await deliveryRow(id)).toMatchObject({ status: "delivered", attempts: 2, response_code: 200, last_error: null });
  });

  it("sends nothing for a duplicate, a superseded or an already delivered message", async () => {
    const { messages } = await pendingDeliveries();
    const crm = receiver();
    const m = messages[0]!;
    await consume([m, m, { ...m }], { fetch: crm.fetch });
    expect(crm.calls).toHaveLength(1);
    const again = await consume([m, { ...m, attempt: 1 }, { ...m, attempt: 7 }], { fetch: crm.fetch });
    expect(crm.calls).toHaveLength(1);
    expect(again.result.explicitAcks).toHaveLength(3);
    expect(await deliveryRow(m.delivery_id)).toMatchObject({ status: "delivered", attempts: 1 });
  });

  it("drops a message for an attempt that was already made, even while the delivery is still pending and due", async () => {
    const { messages } = await pendingDeliveries();
    const crm = receiver((_c, n) => new Response(null, { status: n === 1 ? 503 : 200 }));
    const options = { fetch: crm.fetch, env: { WEBHOOK_RETRY_SCHEDULE_MS: "0" } };
    const first = await consume(messages, options);
    expect(await deliveryRow(messages[0]!.delivery_id)).toMatchObject({ status: "pending", attempts: 1 });
    await consume(messages, options);
    expect(crm.calls).toHaveLength(1);
    await consume(first.next.map((n) => n.body), options);
    expect(crm.calls).toHaveLength(2);
    expect(await deliveryRow(messages[0]!.delivery_id)).toMatchObject({ status: "delivered", attempts: 2 });
  });

  it("splits a wait over 12 hours into queue hops and does not attempt early", async () => {
    const hours14 = 14 * 3_600_000;
    const { messages } = await pendingDeliveries();
    const clock = manualClock();
    const crm = receiver((_c, n) => new Response(null, { status: n === 1 ? 500 : 200 }));
    const options = { fetch: crm.fetch, clock: clock.now, env: { WEBHOOK_RETRY_SCHEDULE_MS: String(hours14) } };
    const first = await consume(messages, options);
    expect(first.next[0]!.delaySeconds).toBe(43_200);
    clock.t += 43_200_000;
    const hop = await consume(first.next.map((n) => n.body), options);
    expect(crm.calls).toHaveLength(1);
    expect(hop.next).toEqual([{ body: first.next[0]!.body, delaySeconds: (hours14 - 43_200_000) / 1000 }]);
    clock.t += hours14 - 43_200_000;
    await consume(hop.next.map((n) => n.body), options);
    expect(crm.calls).toHaveLength(2);
    expect(await deliveryRow(messages[0]!.delivery_id)).toMatchObject({ status: "delivered", attempts: 2 });
  });

  it("marks the delivery failed, and keeps it, once the schedule is exhausted", async () => {
    const { messages } = await pendingDeliveries();
    const clock = manualClock();
    const crm = receiver(() => new Response("nope", { status: 500 }));
    const options = { fetch: crm.fetch, clock: clock.now, env: { WEBHOOK_RETRY_SCHEDULE_MS: "1000,2000" } };
    let pending: unknown[] = messages;
    const delays: number[] = [];
    while (pending.length) {
      const step = await consume(pending, options);
      delays.push(...step.next.map((n) => n.delaySeconds));
      clock.t += 60_000;
      pending = step.next.map((n) => n.body);
    }
    expect(delays).toEqual([1, 2]);
    expect(crm.calls).toHaveLength(3);
    expect(await deliveryRow(messages[0]!.delivery_id)).toMatchObject({ status: "failed", attempts: 3, response_code: 500, last_error: "HTTP 500: nope", next_attempt_at: null });
  });

  it.each([
    ["a network error", async () => Promise.reject(new TypeError("connection refused")), "network error: connection refused"],
    ["a timeout", (_u: string, init: RequestInit) => new Promise<Response>((_r, reject) => init.signal!.addEventListener("abort", () => reject(init.signal!.reason))), "timed out: no response within 50 ms"],
  ])("retries after %s and logs it", async (_what, fetch, error) => {
    const { messages } = await pendingDeliveries();
    const { next } = await consume(messages, { fetch: fetch as never, timeoutMs: 50 });
    expect(next).toHaveLength(1);
    expect(await deliveryRow(messages[0]!.delivery_id)).toMatchObject({ status: "pending", attempts: 1, response_code: null, last_error: error });
  });

  it("does not follow a redirect: a public URL must not bounce the request elsewhere", async () => {
    const { messages } = await pendingDeliveries();
    const crm = receiver(() => new Response(null, { status: 302, headers: { location: "http://169.254.169.254/latest/meta-data/" } }));
    const { next } = await consume(messages, { fetch: crm.fetch });
    expect(crm.calls).toHaveLength(1);
    expect(next).toHaveLength(1);
    expect((await deliveryRow(messages[0]!.delivery_id))!.last_error).toContain("redirect to http://169.254.169.254/latest/meta-data/ not followed");
  });

  it("disables the endpoint on 410 Gone, and its other pending deliveries die with it", async () => {
    const { hook, messages } = await pendingDeliveries({ count: 2 });
    const crm = receiver(() => new Response(null, { status: 410 }));
    const { next } = await consume([messages[0]], { fetch: crm.fetch });
    expect(next).toEqual([]);
    expect(await deliveryRow(messages[0]!.delivery_id)).toMatchObject({ status: "dead", response_code: 410, last_error: "HTTP 410 Gone: the endpoint was disabled" });
    expect((await api(`/api/v1/webhooks/${hook.id}`)).body).toMatchObject({ status: "disabled", disabled_reason: "the endpoint answered 410 Gone" });
    await consume([messages[1]], { fetch: crm.fetch });
    expect(crm.calls).toHaveLength(1);
    expect(await deliveryRow(messages[1]!.delivery_id)).toMatchObject({ status: "dead", attempts: 0 });
  });

  it("signs with both secrets while a rotated secret is still valid", async () => {
    const { hook, messages } = await pendingDeliveries();
    const rotated = await api(`/api/v1/webhooks/${hook.id}/rotate`, { method: "POST" });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(hook.secret);
    expect(Date.parse(rotated.body.previous_secret_expires_at) - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    const crm = receiver();
    await consume(messages, { fetch: crm.fetch });
    const call = crm.calls[0]!;
    expect(call.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(() => new Webhook(hook.secret).verify(call.body, call.headers)).not.toThrow();
    expect(() => new Webhook(rotated.body.secret).verify(call.body, call.headers)).not.toThrow();
  });

  it("drops the message of a deleted endpoint without sending", async () => {
    const { hook, messages } = await pendingDeliveries();
    expect((await api(`/api/v1/webhooks/${hook.id}`, { method: "DELETE" })).status).toBe(204);
    const crm = receiver();
    const { result } = await consume(messages, { fetch: crm.fetch });
    expect(result.explicitAcks).toHaveLength(1);
    expect(crm.calls).toHaveLength(0);
  });

  it("keeps an unreadable message as a dead letter instead of retrying it", async () => {
    const crm = receiver();
    const marker = `garbage-${Date.now()}`;
    const { result } = await consume([{ v: 1, nonsense: marker }], { fetch: crm.fetch });
    expect(result.explicitAcks).toHaveLength(1);
    expect(await env.DB.prepare("SELECT queue, reason FROM dead_letters WHERE body LIKE ?1").bind(`%${marker}%`).first()).toEqual({ queue: "pista-webhooks", reason: "unreadable" });
  });
});

describe("replay", () => {
  it("re-sends a failed delivery with the same webhook-id through the real queue", async () => {
    const { hook, messages } = await pendingDeliveries();
    const failing = receiver(() => new Response(null, { status: 500 }));
    await consume(messages, { fetch: failing.fetch, env: { WEBHOOK_RETRY_SCHEDULE_MS: "0" } });
    await consume([{ ...messages[0]!, attempt: 1 }], { fetch: failing.fetch, env: { WEBHOOK_RETRY_SCHEDULE_MS: "0" } });
    const id = messages[0]!.delivery_id;
    expect(await deliveryRow(id)).toMatchObject({ status: "failed", attempts: 2 });
    const crm = receiver();
    vi.stubGlobal("fetch", crm.fetch);
    const res = await api(`/api/v1/webhooks/${hook.id}/deliveries/${id}/replay`, { method: "POST" });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ id, webhook_id: failing.calls[0]!.headers["webhook-id"], status: "pending" });
    await eventually(async () => (await deliveryRow(id))!.status === "delivered");
    expect(crm.calls).toHaveLength(1);
    expect(crm.calls[0]!.headers["webhook-id"]).toBe(failing.calls[0]!.headers["webhook-id"]);
    expect(await deliveryRow(id)).toMatchObject({ status: "delivered", attempts: 3, response_code: 200 });
  });

  it("answers 404 for another endpoint's delivery, and 409 while an attempt is in flight or the endpoint is disabled", async () => {
    const { site, hook, messages } = await pendingDeliveries();
    const db = await dbOf(site);
    const other = await createWebhook((await createSite()).id);
    const id = messages[0]!.delivery_id;
    expect((await api(`/api/v1/webhooks/${other.id}/deliveries/${id}/replay`, { method: "POST" })).status).toBe(404);
    await db.prepare("UPDATE webhook_deliveries SET lease_until = ?2 WHERE id = ?1").bind(id, Date.now() + 60_000).run();
    const inFlight = await api(`/api/v1/webhooks/${hook.id}/deliveries/${id}/replay`, { method: "POST" });
    expect(inFlight.status).toBe(409);
    expect(inFlight.body.error.code).toBe("attempt_in_flight");
    await db.prepare("UPDATE webhook_deliveries SET lease_until = NULL WHERE id = ?1").bind(id).run();
    await api(`/api/v1/webhooks/${hook.id}`, { method: "PATCH", body: JSON.stringify({ status: "disabled" }) });
    const res = await api(`/api/v1/webhooks/${hook.id}/deliveries/${id}/replay`, { method: "POST" });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("webhook_disabled");
  });
});

describe("the hourly cron", () => {
  it("forgets transitions delivered more than 30 days ago and keeps failed ones replayable", async () => {
    const { site, messages } = await pendingDeliveries({ count: 2 });
    const db = await dbOf(site);
    const [ok, bad] = messages.map((m) => m.delivery_id);
    await consume([messages[0]], { fetch: receiver().fetch });
    const failing = { fetch: receiver(() => new Response(null, { status: 500 })).fetch, env: { WEBHOOK_RETRY_SCHEDULE_MS: "0" } };
    const retry = await consume([messages[1]], failing);
    await consume(retry.next.map((n) => n.body), failing);
    const outboxOf = async (id: string) => (await deliveryRow(id))!.outbox_id as string;
    const [okOutbox, badOutbox] = [await outboxOf(ok!), await outboxOf(bad!)];
    const exists = async (id: string) => (await db.prepare("SELECT 1 AS x FROM webhook_outbox WHERE id = ?1").bind(id).first()) !== null;
    await hourlyWebhookSweep({ DB: db, WEBHOOKS: fakeQueue().queue }, Date.now() + DELIVERED_RETENTION_MS - 60_000);
    expect([await exists(okOutbox), await exists(badOutbox)]).toEqual([true, true]);
    const later = Date.now() + DELIVERED_RETENTION_MS + 60_000;
    await hourlyWebhookSweep({ DB: db, WEBHOOKS: fakeQueue().queue }, later);
    // One run forgets up to a page of transitions of all sites (the test sites share the database); later runs go on.
    while ((await purgeDeliveredOutbox(db, later - DELIVERED_RETENTION_MS)) > 0);
    expect([await exists(okOutbox), await exists(badOutbox)]).toEqual([false, true]);
    expect(await deliveryRow(ok!)).toBeNull();
    expect(await deliveryRow(bad!)).toMatchObject({ status: "failed" });
  });
});
