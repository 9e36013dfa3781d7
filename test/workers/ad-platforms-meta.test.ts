// Meta's Conversions API through the real app, consumer and delivery pipeline, with fetch stubbed by a receiver that
// stands for META_GRAPH_URL (http://127.0.0.1:18790 in the test bindings): the destination's API and its validation,
// the events Meta receives (hashes computed here independently with WebCrypto), one delivery per person and stage, a
// person who sent GPC never sent again, and Meta's transient errors retried while permanent ones are not.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { CollectedEvent } from "../../schema/event";
import { storeEvents } from "../../worker/jobs/events";
import { dispatchOutbox } from "../../worker/services/webhooks/dispatch";
import { dashboardSession } from "./dashboard-support";
import { api, collect, collectedEvent, createSite, dbOf, deliver, envOf, eventually, profileOf, uid, wirePageview } from "./support";
import { consume, deliveryIds, deliveryRow, fakeQueue, receiver, type ReceivedCall } from "./webhooks-support";

const GRAPH = "http://127.0.0.1:18790";
const TOKEN = "EAAGm0PX4ZCpsBAKZCtest0token0value0123456789";
const MIN = 60_000;

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

let meta: ReturnType<typeof receiver>;
beforeEach(() => {
  meta = receiver(() => Response.json({ events_received: 1, messages: [], fbtrace_id: "AxYz" }));
  vi.stubGlobal("fetch", meta.fetch);
});
afterEach(() => vi.unstubAllGlobals());

const pixelId = () => String(100000000000000 + Math.floor(Math.random() * 899999999999999));
const callsTo = (pixel: string) => meta.calls.filter((c) => c.url.includes(`/${pixel}/events`));
const eventsOf = (calls: ReceivedCall[]) => calls.flatMap((c) => JSON.parse(c.body).data as Record<string, any>[]);

async function putMeta(site: string, body: Record<string, unknown>, token?: string) {
  return api(`/api/v1/sites/${site}/destinations/meta`, { method: "PUT", body: JSON.stringify(body), ...(token ? { token } : {}) });
}

async function siteWithMeta(stages: Record<string, string> = { lead: "Lead", sql: "SQL", customer: "Purchase" }, extra: Record<string, unknown> = {}) {
  const site = await createSite();
  const pixel = pixelId();
  const res = await putMeta(site.id, { pixel_id: pixel, access_token: TOKEN, stages, ...extra });
  expect(res.status).toBe(200);
  return { site, pixel, destination: res.body };
}

function fbclidLanding(site: string, anonymousId: string, fbclid: string, at: number): CollectedEvent {
  return collectedEvent({
    site, anonymous_id: anonymousId, at, url: `https://example.com/?fbclid=${fbclid}`,
    touch: { channel: "Organic Social", source: "facebook", medium: "referral", campaign: null, term: null, content: null, referrer: null, landing_page: "https://example.com/", click_id: "fbclid", click_id_value: fbclid },
  });
}
const identify = (site: string, anonymousId: string, traits: Record<string, unknown>, at: number) =>
  collectedEvent({ site, anonymous_id: anonymousId, at, type: "identify", url: null, path: null, touch: null, traits });

const patch = (id: string, body: Record<string, unknown>) => api(`/api/v1/profiles/${id}`, { method: "PATCH", body: JSON.stringify(body) });

describe("PUT/GET/DELETE /api/v1/sites/{id}/destinations/meta", () => {
  it("saves a destination and shows it without the token", async () => {
    const { site, pixel, destination } = await siteWithMeta({ lead: "Lead", mql: "QualifiedLead" }, { test_event_code: "TEST123" });
    expect(destination).toMatchObject({ id: `meta_${site.id}`, pixel_id: pixel, stages: { lead: "Lead", mql: "QualifiedLead" }, test_event_code: "TEST123", api_version: "v21.0", access_token_set: true, status: "active" });
    const read = await api(`/api/v1/sites/${site.id}/destinations/meta`, { token: site.read_key });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(destination);
    expect(JSON.stringify(read.body)).not.toContain(TOKEN);
    expect(read.body.access_token_hint).toBe(`…${TOKEN.slice(-4)}`);
    // Its delivery log is the pipeline's, but it is changed here, not through the webhook API.
    expect((await api(`/api/v1/webhooks/${destination.id}/deliveries`)).status).toBe(200);
    const hijack = await api(`/api/v1/webhooks/${destination.id}`, { method: "PATCH", body: JSON.stringify({ url: "https://evil.example/x" }) });
    expect(hijack.status).toBe(409);
    expect(hijack.body.error.code).toBe("managed_by_destinations");
    expect((await api(`/api/v1/webhooks?site=${site.id}`)).body.data).toEqual([]);
    expect((await api(`/api/v1/sites/${site.id}/destinations/meta`, { method: "DELETE" })).status).toBe(204);
    expect((await api(`/api/v1/sites/${site.id}/destinations/meta`)).status).toBe(404);
    expect((await api(`/api/v1/sites/${site.id}/destinations/meta`, { method: "DELETE" })).status).toBe(404);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ["no pixel id and no token", { stages: { lead: "Lead" } }, ["pixel_id", "access_token"]],
    ["a pixel id that is not digits", { pixel_id: "px-1", access_token: TOKEN, stages: { lead: "Lead" } }, ["pixel_id"]],
    ["a stage Pista does not have", { pixel_id: "1234567890", access_token: TOKEN, stages: { lead: "Lead", won: "Purchase" } }, ["stages.won"]],
    ["no stage at all", { pixel_id: "1234567890", access_token: TOKEN, stages: {} }, ["stages"]],
    ["an event name Meta would refuse", { pixel_id: "1234567890", access_token: TOKEN, stages: { mql: "<script>" } }, ["stages.mql"]],
  ])("answers 400 with the issues' paths for %s", async (_name, body, paths) => {
    const site = await createSite();
    const res = await putMeta(site.id, body);
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([...paths].sort());
    expect((await api(`/api/v1/sites/${site.id}/destinations/meta`)).status).toBe(404);
  });

  it("is changed by the admin only", async () => {
    const site = await createSite();
    expect((await putMeta(site.id, { pixel_id: "1234567890", access_token: TOKEN, stages: { lead: "Lead" } }, site.read_key)).status).toBe(403);
  });
});

describe("stages reached, sent to the Conversions API", () => {
  it("POSTs each stage to {META_GRAPH_URL}/v21.0/{pixel}/events with hashed e-mail and phone, fbc from the fbclid, value on the customer", async () => {
    const { site, pixel } = await siteWithMeta({ lead: "Lead", sql: "SQL", customer: "Purchase" }, { test_event_code: "TEST123" });
    const t0 = Date.now() - 20 * MIN;
    const fbclid = `IwAR${uid("fb")}`;
    await deliver([{ v: 1, events: [fbclidLanding(site.id, "a1", fbclid, t0), identify(site.id, "a1", { email: "  Ana.Lopez@Northwind-Test.COM ", phone: "+351 912 345 678" }, t0 + MIN)] }]);
    await eventually(async () => callsTo(pixel).length === 1);
    const [lead] = callsTo(pixel);
    expect(lead!.url).toBe(`${GRAPH}/v21.0/${pixel}/events?access_token=${TOKEN}`);
    expect(lead!.headers["content-type"]).toBe("application/json");
    const body = JSON.parse(lead!.body);
    expect(body.test_event_code).toBe("TEST123");
    expect(body.data).toHaveLength(1);
    const profile = await profileOf(site.id, "a1");
    expect(body.data[0]).toEqual({
      event_name: "Lead",
      event_time: Math.floor((t0 + MIN) / 1000),
      event_id: `pista.lead.${profile.id}`,
      action_source: "system_generated",
      user_data: { em: [await sha256Hex("ana.lopez@northwind-test.com")], ph: [await sha256Hex("351912345678")], fbc: `fb.1.${t0}.${fbclid}` },
      custom_data: { event_source: "crm", lead_event_source: "Pista" },
    });

    expect((await patch(profile.id, { stage: "sql" })).status).toBe(200);
    expect((await patch(profile.id, { stage: "customer", deal: { amount: 4800, currency: "EUR" } })).status).toBe(200);
    await eventually(async () => callsTo(pixel).length === 3);
    const [, sql, purchase] = eventsOf(callsTo(pixel));
    expect(sql).toMatchObject({ event_name: "SQL", event_id: `pista.sql.${profile.id}` });
    expect(sql!.custom_data).toEqual({ event_source: "crm", lead_event_source: "Pista" });
    expect(purchase).toMatchObject({ event_name: "Purchase", event_id: `pista.customer.${profile.id}`, custom_data: { value: 4800, currency: "EUR" } });
    const log = await api(`/api/v1/webhooks/meta_${site.id}/deliveries`);
    expect(log.body.data.map((d: { status: string }) => d.status)).toEqual(["delivered", "delivered", "delivered"]);
  });

  it("sends a stage reached twice once: one delivery, one event_id", async () => {
    const { site, pixel } = await siteWithMeta({ sql: "SQL" });
    await deliver([{ v: 1, events: [identify(site.id, "a1", { email: `${uid("kim")}@acme-test.com` }, Date.now() - MIN)] }]);
    const profile = await eventually(() => profileOf(site.id, "a1"));
    expect((await patch(profile.id, { stage: "sql" })).status).toBe(200);
    await eventually(async () => callsTo(pixel).length === 1);
    // The CRM takes the person back to lead, then marks them sql again: a second transition into sql.
    expect((await patch(profile.id, { stage: "lead" })).status).toBe(200);
    expect((await patch(profile.id, { stage: "sql" })).status).toBe(200);
    const db = await dbOf(site);
    const transitions = () => db.prepare("SELECT id, dispatched_at FROM webhook_outbox WHERE profile_id = ?1 AND type = 'profile.stage_changed' AND data LIKE '%\"to\":\"sql\"%'").bind(profile.id).all<{ dispatched_at: number | null }>();
    await eventually(async () => (await transitions()).results.length === 2 && (await transitions()).results.every((r) => r.dispatched_at !== null));
    expect(await deliveryIds(`meta_${site.id}`, site.id)).toHaveLength(1);
    expect(eventsOf(callsTo(pixel)).map((e) => e.event_id)).toEqual([`pista.sql.${profile.id}`]);
  });

  it("never sends a person who sent Global Privacy Control, even one identified before", async () => {
    const { site, pixel } = await siteWithMeta({ lead: "Lead", sql: "SQL" });
    await deliver([{ v: 1, events: [identify(site.id, "device-1", { email: `${uid("eve")}@acme-test.com` }, Date.now() - MIN)] }]);
    const profile = await eventually(() => profileOf(site.id, "device-1"));
    await eventually(async () => callsTo(pixel).length === 1); // the lead, sent while nothing was refused
    // A later visit from the same device, with the GPC header: a cookieless batch that still names the device's id.
    const res = await collect({ s: site.id, a: "device-1", e: [wirePageview()] }, { "sec-gpc": "1" });
    expect(res.status).toBe(202);
    const refused = await eventually(async () => (await api(`/api/v1/profiles/${profile.id}`)).body.marketing_refused);
    expect(refused.signal).toBe("gpc");
    // the sales team sees it on the person's page
    const page = (await (await dashboardSession("test-admin-token")).get(`/dashboard/profiles/${profile.id}?site=${site.id}`)).body;
    expect(page).toContain('data-refused="gpc"');
    expect((await patch(profile.id, { stage: "sql" })).status).toBe(200);
    await eventually(async () => (await (await dbOf(site)).prepare("SELECT COUNT(*) AS n FROM webhook_outbox WHERE profile_id = ?1 AND dispatched_at IS NULL").bind(profile.id).first<number>("n")) === 0);
    expect(await deliveryIds(`meta_${site.id}`, site.id)).toHaveLength(1);
    expect(eventsOf(callsTo(pixel)).map((e) => e.event_name)).toEqual(["Lead"]);
    // …and the cookieless page view itself created no profile under the device's id: only the person holds it.
    expect((await profileOf(site.id, "device-1")).id).toBe(profile.id);
  });
});

describe("a refusal from the snippet", () => {
  it("naming the device's former id with c:1 (consent withdrawn, no GPC header) marks the person, who is never sent again", async () => {
    const { site, pixel } = await siteWithMeta({ lead: "Lead", sql: "SQL" });
    const device = uid("device");
    await deliver([{ v: 1, events: [identify(site.id, device, { email: `${uid("ida")}@acme-test.com` }, Date.now() - MIN)] }]);
    const profile = await eventually(() => profileOf(site.id, device));
    await eventually(async () => callsTo(pixel).length === 1); // the lead, sent while nothing was refused
    // The snippet's refusal beacon: the id the device had, c:1, and one engage event of the page.
    const res = await collect({ s: site.id, a: device, c: 1, e: [wirePageview({ k: "engage" })] });
    expect(res.status).toBe(202);
    const refused = await eventually(async () => (await api(`/api/v1/profiles/${profile.id}`)).body.marketing_refused);
    expect(refused.signal).toBe("consent");
    expect((await patch(profile.id, { stage: "sql" })).status).toBe(200);
    await eventually(async () => (await (await dbOf(site)).prepare("SELECT COUNT(*) AS n FROM webhook_outbox WHERE profile_id = ?1 AND dispatched_at IS NULL").bind(profile.id).first<number>("n")) === 0);
    expect(eventsOf(callsTo(pixel)).map((e) => e.event_name)).toEqual(["Lead"]);
    // The beacon's event was stored cookieless: the device's id still belongs to the person alone.
    expect((await profileOf(site.id, device)).id).toBe(profile.id);
  });
});

describe("a refusal reported by the site's server", () => {
  it("through the Segment API's consent object keeps the identified person away from Meta", async () => {
    const { site, pixel } = await siteWithMeta({ lead: "Lead", sql: "SQL" });
    const userId = uid("u");
    const res = await api("/v1/identify", {
      method: "POST", token: null,
      headers: { authorization: `Basic ${btoa(`${site.write_key}:`)}`, "user-agent": "analytics-node-next/latest" },
      body: JSON.stringify({ userId, traits: { email: `${uid("max")}@acme-test.com` }, context: { consent: { categoryPreferences: { Analytics: true, Advertising: false } } } }),
    });
    expect(res.status).toBe(200);
    const profile = await eventually(async () => (await api(`/api/v1/profiles?site=${site.id}&user_id=${userId}`)).body.data[0]);
    expect(profile.marketing_refused).toMatchObject({ signal: "consent" });
    expect((await patch(profile.id, { stage: "sql" })).status).toBe(200);
    await eventually(async () => (await (await dbOf(site)).prepare("SELECT COUNT(*) AS n FROM webhook_outbox WHERE profile_id = ?1 AND dispatched_at IS NULL").bind(profile.id).first<number>("n")) === 0);
    expect(await deliveryIds(`meta_${site.id}`, site.id)).toEqual([]);
    expect(callsTo(pixel)).toEqual([]);
  });
});

describe("Meta's answers", () => {
  /** A Meta destination with one pending delivery whose message went to a fake queue: the test makes each attempt. */
  async function pendingMeta(at = Date.now() - MIN) {
    const { site, pixel } = await siteWithMeta({ lead: "Lead" });
    const shard = await envOf(site);
    await storeEvents(shard, [identify(site.id, uid("a"), { email: `${uid("lin")}@acme-test.com` }, at)], { now: Date.now() });
    const q = fakeQueue();
    await dispatchOutbox({ DB: shard.DB, WEBHOOKS: q.queue }, Date.now());
    const ids = await deliveryIds(`meta_${site.id}`, site.id);
    expect(ids).toHaveLength(1);
    return { site, pixel, id: ids[0]!, messages: q.sent.map((s) => s.body).filter((m) => m.delivery_id === ids[0]) };
  }
  const metaError = (status: number, error: Record<string, unknown>) => new Response(JSON.stringify({ error: { type: "OAuthException", fbtrace_id: "A1b2", ...error } }), { status, headers: { "content-type": "application/json" } });

  it("retries an error Meta calls transient, with the same event, then logs the success", async () => {
    const { id, messages } = await pendingMeta();
    const graph = receiver((_c, n) => (n === 1 ? metaError(500, { message: "An unexpected error has occurred. Please retry your request later.", code: 2, is_transient: true }) : Response.json({ events_received: 1 })));
    const first = await consume(messages, { fetch: graph.fetch });
    expect(await deliveryRow(id)).toMatchObject({
      status: "pending", attempts: 1, response_code: 500,
      last_error: "HTTP 500, Meta error 2 (OAuthException): An unexpected error has occurred. Please retry your request later.",
    });
    expect(first.next).toEqual([{ body: { v: 1, delivery_id: id, attempt: 1 }, delaySeconds: 5 }]);
    const second = await consume(first.next.map((n) => n.body), { fetch: graph.fetch, clock: () => Date.now() + 5000 });
    expect(second.next).toEqual([]);
    expect(graph.calls).toHaveLength(2);
    expect(graph.calls[1]!.body).toBe(graph.calls[0]!.body);
    expect(await deliveryRow(id)).toMatchObject({ status: "delivered", attempts: 2, last_error: null });
  });

  it("does not retry an error Meta calls permanent: the delivery is dead with Meta's message, and replayable", async () => {
    const { id, messages } = await pendingMeta();
    const graph = receiver(() => metaError(400, { message: "Invalid OAuth access token - Cannot parse access token", code: 190, error_subcode: 463 }));
    const { next } = await consume(messages, { fetch: graph.fetch });
    expect(next).toEqual([]);
    expect(graph.calls).toHaveLength(1);
    expect(await deliveryRow(id)).toMatchObject({
      status: "dead", attempts: 1, response_code: 400, next_attempt_at: null,
      last_error: "HTTP 400, Meta error 190/463 (OAuthException): Invalid OAuth access token - Cannot parse access token",
    });
  });

  it("does not send an event older than 7 days (Meta would refuse it)", async () => {
    const { id, messages } = await pendingMeta(Date.now() - 8 * 86_400_000);
    const graph = receiver();
    await consume(messages, { fetch: graph.fetch });
    expect(graph.calls).toHaveLength(0);
    expect(await deliveryRow(id)).toMatchObject({ status: "dead", attempts: 1, last_error: "not sent: older than 7 days: Meta accepts events up to 7 days old" });
  });
});
