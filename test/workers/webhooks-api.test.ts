// /api/v1/webhooks: endpoints created, validated, SSRF-checked, listed without secrets, changed, deleted; the
// delivery log; the CSV export of scored profiles.
import { CSV_COLUMNS } from "../../worker/core/csv";
import { describe, expect, it } from "vitest";
import { storeEvents } from "../../worker/jobs/events";
import { api, createSite, dbOf, envOf, uid } from "./support";
import { consume, createWebhook, identifyEvent, pendingDeliveries, receiver } from "./webhooks-support";

const post = (body: unknown, token?: string) => api("/api/v1/webhooks", { method: "POST", body: JSON.stringify(body), ...(token ? { token } : {}) });

describe("POST /api/v1/webhooks", () => {
  it("creates an endpoint and hands out its secret once", async () => {
    const site = await createSite();
    const res = await post({ site: site.id, url: "https://CRM.example.com/hooks/pista#x", events: ["profile.qualified", "profile.deleted"], filters: { grade: "A", min_score: 40 } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^wh_/), site: site.id, url: "https://crm.example.com/hooks/pista", events: ["profile.qualified", "profile.deleted"],
      filters: { grade: ["A"], min_score: 40 }, status: "active", secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{32}$/),
    });
    const list = await api(`/api/v1/webhooks?site=${site.id}`);
    expect(list.body.data).toHaveLength(1);
    expect(list.body.data[0].id).toBe(res.body.id);
    expect(JSON.stringify(list.body)).not.toContain(res.body.secret);
    const one = await api(`/api/v1/webhooks/${res.body.id}`);
    expect(one.body).not.toHaveProperty("secret");
  });

  it.each([
    ["no url", { events: ["profile.identified"] }, "url"],
    ["no events", { url: "https://crm.example.com/h", events: [] }, "events"],
    ["an unknown event type", { url: "https://crm.example.com/h", events: ["profile.exploded"] }, "events.0"],
    ["the same event twice", { url: "https://crm.example.com/h", events: ["profile.identified", "profile.identified"] }, "events"],
    ["an unknown grade", { url: "https://crm.example.com/h", events: ["profile.qualified"], filters: { grade: "Z" } }, "filters.grade"],
    ["an unknown stage", { url: "https://crm.example.com/h", events: ["profile.qualified"], filters: { stage: ["hot"] } }, "filters.stage"],
    ["a min_score that is not a number", { url: "https://crm.example.com/h", events: ["profile.qualified"], filters: { min_score: "40" } }, "filters.min_score"],
    ["an unknown filter", { url: "https://crm.example.com/h", events: ["profile.qualified"], filters: { country: "DE" } }, "filters.country"],
    ["an unknown field", { url: "https://crm.example.com/h", events: ["profile.qualified"], retries: 3 }, "retries"],
  ])("returns 400 with issues for %s", async (_what, body, path) => {
    const site = await createSite();
    const res = await post({ site: site.id, ...body });
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it.each([
    ["plain http to a public host", "http://crm.example.com/hook"],
    ["a private address", "https://10.0.0.8/hook"],
    ["a private address in decimal", "https://3232235777/hook"],
    ["the metadata IP in hex", "https://0xa9fea9fe/latest/meta-data/"],
    ["the metadata IP in octal", "https://0251.0376.0251.0376/latest/meta-data/"],
    ["the metadata host", "https://metadata.google.internal/computeMetadata/v1/"],
    ["carrier-grade NAT", "https://100.64.0.1/hook"],
    ["an IPv6 unique-local address", "https://[fd00::1]/hook"],
    ["an IPv4-mapped IPv6 address", "https://[::ffff:10.0.0.1]/hook"],
    ["a link-local IPv6 address", "https://[fe80::1]/hook"],
    ["userinfo", "https://admin:secret@crm.example.com/hook"],
    ["userinfo hiding a loopback host", "http://crm.example.com@127.0.0.1:8080/hook"],
    ["a single-label host", "https://intranet/hook"],
    ["a wildcard-DNS name", "https://10.0.0.1.nip.io/hook"],
    ["a file URL", "file:///etc/passwd"],
  ])("refuses %s with 400", async (_what, url) => {
    const site = await createSite();
    const res = await post({ site: site.id, url, events: ["profile.identified"] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("url_not_allowed");
    expect(res.body.error.issues[0].path).toBe("url");
  });

  it("allows a local http receiver in development (ENVIRONMENT=development)", async () => {
    const site = await createSite();
    expect((await post({ site: site.id, url: "http://127.0.0.1:9999/hook", events: ["profile.identified"] })).status).toBe(201);
  });

  it("returns 404 for an unknown site and 409 past 20 endpoints", async () => {
    expect((await post({ site: uid("nosite"), url: "https://crm.example.com/h", events: ["profile.identified"] })).status).toBe(404);
    const site = await createSite();
    for (let i = 0; i < 20; i++) expect((await post({ site: site.id, url: `https://crm.example.com/h${i}`, events: ["profile.identified"] })).status).toBe(201);
    const over = await post({ site: site.id, url: "https://crm.example.com/h21", events: ["profile.identified"] });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe("too_many_webhooks");
  });
});

describe("auth", () => {
  it("lets a site's read key read its endpoints and deliveries, but not write or see another site's", async () => {
    const { site, hook } = await pendingDeliveries();
    const mine = site.read_key;
    const other = (await createSite()).read_key;
    expect((await api(`/api/v1/webhooks?site=${site.id}`, { token: mine })).status).toBe(200);
    expect((await api(`/api/v1/webhooks/${hook.id}/deliveries`, { token: mine })).status).toBe(200);
    expect((await post({ site: site.id, url: "https://crm.example.com/h", events: ["profile.identified"] }, mine)).status).toBe(403);
    expect((await api(`/api/v1/webhooks/${hook.id}/rotate`, { method: "POST", token: mine })).status).toBe(403);
    expect((await api(`/api/v1/webhooks/${hook.id}/deliveries`, { token: other })).status).toBe(404);
    expect((await api(`/api/v1/webhooks?site=${site.id}`, { token: other })).status).toBe(403);
    expect((await api(`/api/v1/webhooks?site=${site.id}`, { token: null })).status).toBe(401);
  });
});

describe("PATCH and DELETE /api/v1/webhooks/{id}", () => {
  it("changes events and filters, disables and re-enables, and refuses a hostile URL", async () => {
    const hook = await createWebhook((await createSite()).id);
    const changed = await api(`/api/v1/webhooks/${hook.id}`, { method: "PATCH", body: JSON.stringify({ events: ["profile.qualified"], filters: { label: "ready_to_buy" } }) });
    expect(changed.body).toMatchObject({ events: ["profile.qualified"], filters: { label: ["ready_to_buy"] }, url: hook.url });
    const off = await api(`/api/v1/webhooks/${hook.id}`, { method: "PATCH", body: JSON.stringify({ status: "disabled" }) });
    expect(off.body).toMatchObject({ status: "disabled", disabled_reason: "disabled through the API" });
    const on = await api(`/api/v1/webhooks/${hook.id}`, { method: "PATCH", body: JSON.stringify({ status: "active" }) });
    expect(on.body).toMatchObject({ status: "active", disabled_reason: null });
    const bad = await api(`/api/v1/webhooks/${hook.id}`, { method: "PATCH", body: JSON.stringify({ url: "https://169.254.169.254/" }) });
    expect(bad.status).toBe(400);
  });

  it("deletes an endpoint with its delivery log", async () => {
    const { site, hook } = await pendingDeliveries();
    expect((await api(`/api/v1/webhooks/${hook.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await api(`/api/v1/webhooks/${hook.id}`)).status).toBe(404);
    expect((await api(`/api/v1/webhooks/${hook.id}/deliveries`)).status).toBe(404);
    expect((await (await dbOf(site)).prepare("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE subscription_id = ?1").bind(hook.id).first<{ n: number }>())!.n).toBe(0);
  });
});

describe("GET /api/v1/webhooks/{id}/deliveries", () => {
  it("lists attempts newest first with status, attempts, response code, latency and last error, paged by cursor", async () => {
    const { hook, messages } = await pendingDeliveries({ count: 3 });
    let t = Date.now();
    const crm = receiver((_c, n) => ((t += 10 * n), new Response(n === 2 ? "bad gateway" : "ok", { status: n === 2 ? 502 : 200 })));
    const doneAt: number[] = [];
    for (const m of messages) await consume([m], { fetch: crm.fetch, clock: () => t }), doneAt.push(t);
    const all = await api(`/api/v1/webhooks/${hook.id}/deliveries`);
    expect(all.status).toBe(200);
    expect(all.body.next_cursor).toBeNull();
    const byId = new Map(all.body.data.map((d: any) => [d.id, d]));
    expect(byId.get(messages[1]!.delivery_id)).toMatchObject({
      status: "pending", attempts: 1, response_code: 502, latency_ms: 20, last_error: "HTTP 502: bad gateway",
      type: "profile.identified", webhook_id: expect.stringMatching(/^msg_/), next_attempt_at: new Date(doneAt[1]! + 5000).toISOString(),
    });
    expect(byId.get(messages[2]!.delivery_id)).toMatchObject({ status: "delivered", attempts: 1, response_code: 200, latency_ms: 30, last_error: null });
    const created = all.body.data.map((d: any) => `${d.created_at}|${d.id}`);
    expect(created).toEqual([...created].sort().reverse());
    const page1 = await api(`/api/v1/webhooks/${hook.id}/deliveries?limit=2`);
    const page2 = await api(`/api/v1/webhooks/${hook.id}/deliveries?limit=2&cursor=${page1.body.next_cursor}`);
    expect([...page1.body.data, ...page2.body.data].map((d: any) => d.id)).toEqual(all.body.data.map((d: any) => d.id));
    const failing = await api(`/api/v1/webhooks/${hook.id}/deliveries?status=pending`);
    expect(failing.body.data.map((d: any) => d.id)).toEqual([messages[1]!.delivery_id]);
    expect((await api(`/api/v1/webhooks/${hook.id}/deliveries?cursor=garbage`)).status).toBe(400);
  });
});

describe("GET /api/v1/profiles.csv", () => {
  it("exports scored profiles as CSV, injection-safe, paged with a Link header", async () => {
    const site = await createSite();
    const now = Date.now();
    const shard = await envOf(site);
    await storeEvents(shard, [identifyEvent(site.id, { traits: { email: "ana@northwind-test.com", name: "=HYPERLINK(\"x\")", company: "Northwind, Inc.", job_title: "CTO" } })], { now });
    await storeEvents(shard, [identifyEvent(site.id, { traits: { email: "bo@northwind-test.com", name: "Bo" } })], { now: now + 1 });
    const res = await api(`/api/v1/profiles.csv?site=${site.id}`, { token: site.read_key });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = String(res.body).split("\r\n");
    expect(lines[0]).toBe(CSV_COLUMNS.map((c) => `"${c}"`).join(","));
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(`"ana@northwind-test.com",,"'=HYPERLINK(""x"")","Northwind, Inc.","CTO",`);
    expect(lines[1]).toContain(`,"lead",`);
    expect(lines[3]).toBe("");
    const page1 = await api(`/api/v1/sites/${site.id}/profiles.csv?limit=1`);
    expect(page1.headers.get("link")).toMatch(/rel="next"/);
    const next = page1.headers.get("x-next-cursor")!;
    const page2 = await api(`/api/v1/sites/${site.id}/profiles.csv?limit=1&cursor=${next}`);
    expect(String(page2.body).split("\r\n")[1]).toContain("bo@northwind-test.com");
    expect(page2.headers.get("link")).toMatch(/rel="next"/);
    const page3 = await api(`/api/v1/sites/${site.id}/profiles.csv?limit=1&cursor=${page2.headers.get("x-next-cursor")}`);
    expect(String(page3.body).split("\r\n").filter(Boolean)).toHaveLength(1);
    expect(page3.headers.get("link")).toBeNull();
    expect((await api(`/api/v1/profiles.csv?site=${site.id}`, { token: (await createSite()).read_key })).status).toBe(403);
  });
});
