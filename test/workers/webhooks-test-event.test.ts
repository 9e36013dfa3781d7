// "Send a test event": POST /api/v1/webhooks/{id}/test makes one webhook.test delivery to that endpoint, whatever it
// subscribes to, through the same signing, queue, log and retries as real events, with a sample Profile that has
// exactly the shape of a real one and a body that says it is a test.
import { Webhook } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, collectedEvent, createSite, deliver, eventually, profileOf, uid } from "./support";
import { consume, createWebhook, deliveryRow, receiver } from "./webhooks-support";

// A local address nothing answers on: should a queue message outlive its test's stub, it goes nowhere.
const URL_A = "http://127.0.0.1:9/crm-a";
const URL_B = "http://127.0.0.1:9/crm-b";
const URL_RETRY = "http://127.0.0.1:9/crm-retry";

let crm: ReturnType<typeof receiver>;
/** The calls to this file's endpoints: the stub also catches deliveries other files' tests queue in the shared runtime. */
const ours = () => crm.calls.filter((c) => [URL_A, URL_B, URL_RETRY].includes(c.url));
beforeEach(() => {
  crm = receiver();
  // The real WEBHOOKS consumer runs in this isolate and calls the global fetch: it reaches this receiver.
  vi.stubGlobal("fetch", crm.fetch);
});
afterEach(() => vi.unstubAllGlobals());

const sendTest = (hook: string, token?: string) => api(`/api/v1/webhooks/${hook}/test`, { method: "POST", ...(token ? { token } : {}) });

describe("POST /api/v1/webhooks/{id}/test", () => {
  it("delivers a signed webhook.test with a sample profile to that endpoint only, whatever its events and filters, and logs it", async () => {
    const site = await createSite();
    const picky = await createWebhook(site.id, { url: URL_A, events: ["profile.qualified"], filters: { grade: "A", min_score: 90 } });
    const other = await createWebhook(site.id, { url: URL_B, events: ["profile.identified", "profile.qualified", "profile.deleted"] });
    const res = await sendTest(picky.id);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ id: expect.stringMatching(/^dlv_/), webhook_id: expect.stringMatching(/^msg_[0-9a-f]{32}$/), type: "webhook.test", status: "pending", attempts: 0 });

    await eventually(async () => (await deliveryRow(res.body.id))!.status === "delivered");
    expect(ours().map((c) => c.url)).toEqual([URL_A]);
    const [call] = ours();
    expect(JSON.parse(call!.body).data.profile.site).toBe(site.id);
    expect(call!.headers["webhook-id"]).toBe(res.body.webhook_id);
    const payload = new Webhook(picky.secret).verify(call!.body, call!.headers) as any;
    expect(payload.type).toBe("webhook.test");
    expect(payload.data.test).toBe(true);
    expect(payload.data.message).toMatch(/test event/i);
    expect(payload.data.profile).toMatchObject({ id: expect.stringMatching(/^p_test_/), site: site.id, stage: expect.any(String), first_touch: { channel: "Paid Search" } });
    expect(() => new Webhook(other.secret).verify(call!.body, call!.headers)).toThrow();

    // The sample has exactly the keys of a real profile, so a CRM can map fields from it.
    const [elsewhere, a] = [await createSite(), uid("a")];
    await deliver([{ v: 1, events: [collectedEvent({ site: elsewhere.id, anonymous_id: a, type: "identify", traits: { email: `${a}@acme-corp.com` } })] }]);
    const real = await profileOf(elsewhere.id, a);
    expect(Object.keys(payload.data.profile).sort()).toEqual(Object.keys(real).sort());

    const log = (await api(`/api/v1/webhooks/${picky.id}/deliveries`)).body.data;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ id: res.body.id, webhook_id: res.body.webhook_id, type: "webhook.test", profile_id: payload.data.profile.id, status: "delivered", attempts: 1, response_code: 200 });
    expect((await api(`/api/v1/webhooks/${other.id}/deliveries`)).body.data).toEqual([]);
  });

  it("retries a failing test event on the delivery schedule with the same webhook-id, like any delivery", async () => {
    const site = await createSite();
    const hook = await createWebhook(site.id, { url: URL_RETRY, events: ["profile.identified"] });
    const down = receiver(() => new Response("not now", { status: 503 }));
    vi.stubGlobal("fetch", down.fetch);
    const res = await sendTest(hook.id);
    await eventually(async () => (await deliveryRow(res.body.id))!.attempts === 1);
    const pending = (await deliveryRow(res.body.id))!;
    expect(pending).toMatchObject({ status: "pending", response_code: 503, last_error: expect.stringContaining("503") });
    expect(pending.next_attempt_at - pending.updated_at).toBe(5_000);
    const shown = (await api(`/api/v1/webhooks/${hook.id}/deliveries`)).body.data[0];
    expect(shown.next_attempt_at).toBe(new Date(pending.next_attempt_at).toISOString());

    // The second attempt, when it is due, reaches a receiver that is back.
    const up = receiver();
    await consume([{ v: 1, delivery_id: res.body.id, attempt: 1 }], { fetch: up.fetch, clock: () => pending.next_attempt_at });
    expect(await deliveryRow(res.body.id)).toMatchObject({ status: "delivered", attempts: 2, response_code: 200 });
    const first = down.calls.filter((c) => c.url === URL_RETRY);
    expect(first).toHaveLength(1);
    expect(first[0]!.headers["webhook-id"]).toBe(res.body.webhook_id);
    expect(up.calls[0]!.headers["webhook-id"]).toBe(res.body.webhook_id);
    expect(up.calls[0]!.body).toBe(first[0]!.body);
    expect(() => new Webhook(hook.secret).verify(up.calls[0]!.body, up.calls[0]!.headers)).not.toThrow();
  });

  it("needs the admin token, an existing endpoint and an active one; webhook.test cannot be subscribed to", async () => {
    const site = await createSite();
    const hook = await createWebhook(site.id, { url: URL_A });
    expect((await sendTest(hook.id, site.read_key)).status).toBe(403);
    expect((await sendTest("wh_nothing")).status).toBe(404);
    await api(`/api/v1/webhooks/${hook.id}`, { method: "PATCH", body: JSON.stringify({ status: "disabled" }) });
    const disabled = await sendTest(hook.id);
    expect(disabled.status).toBe(409);
    expect(disabled.body.error.code).toBe("webhook_disabled");
    const subscribe = await api("/api/v1/webhooks", { method: "POST", body: JSON.stringify({ site: site.id, url: URL_B, events: ["webhook.test"] }) });
    expect(subscribe.status).toBe(400);
    expect(subscribe.body.error.issues[0].path).toBe("events.0");
    expect(ours()).toEqual([]);
  });
});
