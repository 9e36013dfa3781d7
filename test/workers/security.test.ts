// Hostile input loses nothing and takes over no one: identity claims, poison messages, sessions, keys, per-site ids.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EventsMessage } from "../../schema/event";
import { userHashOf } from "../../worker/core/profiles/user-hash";
import { consumeEvents } from "../../worker/jobs/events";
import { dashboardSession } from "./dashboard-support";
import { api, collect, collectedEvent, createSite, dbOf, deliver, env, eventually, profileOf, shardOf, uid } from "./support";

/** A count in the shard of the site (id or {id}) whose rows it reads. */
const count = async (site: string | { id: string }, sql: string, ...args: unknown[]) => (await (await dbOf(site)).prepare(sql).bind(...args).first<{ n: number }>())!.n;

/** A snippet batch from a browser on https://example.com. */
const beacon = (site: string, anon: string, events: Record<string, unknown>[], headers: Record<string, string> = {}) =>
  collect({ s: site, a: anon, st: Date.now(), e: events.map((e) => ({ id: uid("e"), t: Date.now(), u: "https://example.com/", ...e })) }, headers);

describe("an identity claim from a browser", () => {
  it("neither attaches, overwrites, qualifies nor alerts: the victim's profile stays as it was", async () => {
    const site = await createSite({ domains: ["example.com"] });
    const victim = uid("victim");
    const traits = { email: "vera@acme-corp.com", name: "Vera Victim", job_title: "Engineer", phone: "+14155550123", company: "Acme" };
    expect((await beacon(site.id, victim, [{ k: "form", n: "signup", tr: traits }])).status).toBe(202);
    const before = await eventually(async () => {
      const p = await profileOf(site.id, victim);
      return p?.email ? p : null;
    });
    expect(before.stage).toBe("lead");
    const outboxBefore = await count(site, "SELECT COUNT(*) AS n FROM webhook_outbox WHERE profile_id = ?1", before.id);

    // The attacker knows the public site id and the victim's e-mail; they claim it twice, the second time as a CEO with budget.
    const attacker = uid("mallory");
    const claim = { email: "Vera@Acme-Corp.com", name: "Mallory", phone: "+14155559999", company: "Evil Inc" };
    expect((await beacon(site.id, attacker, [{ k: "identify", tr: claim }])).status).toBe(202);
    expect((await beacon(site.id, attacker, [{ k: "identify", tr: { ...claim, job_title: "CEO", budget: "$500k", timeline: "this month" } }, { k: "pageview", u: "https://example.com/pricing" }, { k: "form", n: "demo-request", u: "https://example.com/demo" }])).status).toBe(202);
    const mallory = await eventually(async () => {
      const p = await profileOf(site.id, attacker);
      return p && p.counts.events === 4 ? p : null;
    });

    const after = (await api(`/api/v1/profiles/${before.id}`)).body;
    expect(after.traits).toEqual(before.traits);
    expect(after.phone).toBe(before.phone);
    expect(after.anonymous_ids).toEqual([victim]);
    expect(after.stage).toBe("lead");
    expect(after.fit).toBe(before.fit);
    expect(after.updated_at).toBe(before.updated_at);
    expect(await count(site, "SELECT COUNT(*) AS n FROM webhook_outbox WHERE profile_id = ?1", before.id)).toBe(outboxBefore);
    expect(await count(site, "SELECT COUNT(*) AS n FROM merges WHERE into_id = ?1", before.id)).toBe(0);
    // The claim is kept where it was made, with who it named.
    expect(mallory.id).not.toBe(before.id);
    expect(mallory.email).toBeNull();
    expect(mallory.stage).toBe("visitor");
    expect(mallory.claims.some((c: { identity?: { profile: string } }) => c.identity?.profile === before.id)).toBe(true);
    // …and shown to the sales team on the claimer's page, linking the profile it named
    const admin = await dashboardSession("test-admin-token");
    const page = (await admin.get(`/dashboard/profiles/${mallory.id}?site=${site.id}`)).body;
    expect(page).toContain("Unverified claims");
    expect(page).toContain(`href="/dashboard/profiles/${before.id}`);
    expect(page).toContain("claimed email vera@acme-corp.com");
  });

  it("from Origin: null or without Origin is refused like a foreign origin, and counted", async () => {
    const site = await createSite({ domains: ["example.com"] });
    for (const origin of ["null", undefined]) {
      const headers: Record<string, string> = origin === undefined ? {} : { origin };
      const res = await collect({ s: site.id, a: uid("a"), e: [{ k: "pageview", id: uid("e"), t: Date.now(), u: "https://example.com/" }] }, origin === undefined ? { origin: "" } : headers);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("origin_not_allowed");
    }
    const stats = await eventually(async () => {
      const s = (await api(`/api/v1/stats?site=${site.id}`)).body;
      return s.dropped.origin_not_allowed === 2 ? s : null;
    });
    expect(stats.events_accepted).toBe(0);
  });

  it("is accepted from an opaque origin when the site opts in, for pages on its domains only", async () => {
    const site = await createSite({ domains: ["example.com"] });
    await api(`/api/v1/sites/${site.id}`, { method: "PATCH", body: JSON.stringify({ settings: { allow_opaque_origins: true } }) });
    const ok = await collect({ s: site.id, a: uid("a"), e: [{ k: "pageview", id: uid("e"), t: Date.now(), u: "https://example.com/" }] }, { origin: "null" });
    expect(ok.status).toBe(202);
    const foreign = await collect({ s: site.id, a: uid("a"), e: [{ k: "pageview", id: uid("e"), t: Date.now(), u: "https://evil.example/" }] }, { origin: "null" });
    expect(foreign.status).toBe(403);
  });

  it("still links a second device when the site's server signed the identify (user_hash)", async () => {
    const site = await createSite({ domains: ["example.com"] });
    const [laptop, phone] = [uid("laptop"), uid("phone")];
    await beacon(site.id, laptop, [{ k: "identify", tr: { email: "lin@acme-corp.com", name: "Lin" } }]);
    const known = await eventually(async () => (await profileOf(site.id, laptop))?.email ? profileOf(site.id, laptop) : null);
    await beacon(site.id, phone, [{ k: "pageview", u: "https://example.com/pricing" }]);
    await eventually(() => profileOf(site.id, phone));
    const bad = "0".repeat(64);
    await beacon(site.id, phone, [{ k: "identify", tr: { email: "lin@acme-corp.com", user_hash: bad } }]);
    await eventually(async () => (await profileOf(site.id, phone))?.counts.events === 2);
    expect((await profileOf(site.id, phone)).id).not.toBe(known.id);

    const hash = await userHashOf(site.identity_secret, "lin@acme-corp.com");
    await beacon(site.id, phone, [{ k: "identify", tr: { email: "lin@acme-corp.com", user_hash: hash } }]);
    const merged = await eventually(async () => {
      const p = await profileOf(site.id, phone);
      return p?.id === known.id ? p : null;
    });
    expect(merged.anonymous_ids.sort()).toEqual([laptop, phone].sort());
    expect(merged.traits.user_hash).toBeUndefined();
    const stored = await (await dbOf(site)).prepare("SELECT data FROM events WHERE site = ?1 AND instr(data, ?2) > 0").bind(site.id, hash).first();
    expect(stored).toBeNull();
  });
});

describe("a poison message", () => {
  const deep = (levels: number) => {
    let v: unknown = "bottom";
    for (let i = 0; i < levels; i++) v = { x: v };
    return v as Record<string, unknown>;
  };

  it("5,000 levels deep, batched with valid messages of two sites, loses none of them and is kept as a dead letter", async () => {
    const [s1, s2] = [await createSite(), await createSite()];
    const good1 = collectedEvent({ site: s1.id, anonymous_id: uid("a") });
    const good2 = collectedEvent({ site: s2.id, anonymous_id: uid("a") });
    const poison = { v: 1, events: [collectedEvent({ site: s1.id, anonymous_id: uid("p"), props: deep(5000) })] } as EventsMessage;
    // The test harness's createMessageBatch clones bodies recursively and cannot hold this one; the batch is made by hand.
    const settled = new Map<string, "ack" | "retry">();
    const messages = [{ v: 1, events: [good1] }, poison, { v: 1, events: [good2] }].map((body, i) => ({
      id: `m${i}`, timestamp: new Date(), attempts: 1, body, ack: () => settled.set(`m${i}`, "ack"), retry: () => settled.set(`m${i}`, "retry"),
    }));
    await consumeEvents({ queue: "pista-events", messages, ackAll() {}, retryAll() {} } as unknown as MessageBatch<unknown>, env, { now: Date.now() });
    expect([...settled.values()]).toEqual(["ack", "ack", "ack"]);
    // Each site's event in its own shard (the two may be on different ones).
    const stored = async (s: { id: string }, e: { id: string }) => count(s, "SELECT COUNT(*) AS n FROM events WHERE site = ?1 AND id = ?2", s.id, e.id);
    expect((await stored(s1, good1)) + (await stored(s2, good2))).toBe(2);
    const letter = await env.DB.prepare("SELECT * FROM dead_letters WHERE site = ?1").bind(s1.id).first<{ reason: string; body: string }>();
    expect(letter!.reason).toBe("unreadable");
    expect(letter!.body).toContain(poison.events[0]!.id);
    const listed = await api(`/api/v1/dead-letters?site=${s1.id}`, { token: s1.read_key });
    expect(listed.status).toBe(200);
    expect(listed.body.data[0]).toMatchObject({ site: s1.id, reason: "unreadable", queue: "pista-events" });
    expect((await api(`/api/v1/stats?site=${s1.id}`)).body.dead_letters).toBe(1);
  });

  it("is refused at ingest with 400 and the path, never a 5xx", async () => {
    const site = await createSite();
    const auth = { authorization: `Basic ${btoa(`${site.write_key}:`)}`, "user-agent": "analytics-node" };
    const nested = await api("/v1/track", { method: "POST", token: null, headers: auth, body: JSON.stringify({ anonymousId: "a", event: "x", properties: deep(12) }) });
    expect(nested.status).toBe(400);
    expect(nested.body.error.issues[0].path).toMatch(/^properties\.x\.x/);
    const deeper = await api("/v1/track", { method: "POST", token: null, headers: auth, body: JSON.stringify({ anonymousId: "a", event: "x", properties: deep(1000) }) });
    expect(deeper.status).toBe(400);
    expect(deeper.body.error.code).toBe("too_deep");
    const text = `{"batch":[{"anonymousId":"a","type":"track","event":"x","properties":${"[".repeat(100_000)}${"]".repeat(100_000)}}]}`;
    const hostile = await api("/v1/batch", { method: "POST", token: null, headers: auth, body: text });
    expect(hostile.status).toBe(400);
    expect(hostile.body.error.code).toBe("too_deep");
  });

  it("a replayed dead letter is stored once its cause is gone", async () => {
    const site = await createSite();
    const e = collectedEvent({ site: site.id, anonymous_id: uid("a") });
    // An unreadable version of a valid message (as a deploy with another schema might leave behind).
    await deliver([{ v: 1, events: [{ ...e, type: "no-such-type" }] } as never]);
    const row = await env.DB.prepare("SELECT id FROM dead_letters WHERE site = ?1").bind(site.id).first<{ id: number }>();
    await env.DB.prepare("UPDATE dead_letters SET body = ?2 WHERE id = ?1").bind(row!.id, JSON.stringify({ v: 1, events: [e] })).run();
    expect((await api(`/api/v1/dead-letters/${row!.id}/replay`, { method: "POST", token: site.read_key })).status).toBe(403);
    const replayed = await api(`/api/v1/dead-letters/${row!.id}/replay`, { method: "POST" });
    expect(replayed.status).toBe(202);
    await eventually(async () => (await count(site, "SELECT COUNT(*) AS n FROM events WHERE site = ?1 AND id = ?2", site.id, e.id)) === 1);
  });

  it("any batch mixing valid and hostile messages stores every valid one", async () => {
    const site = await createSite();
    const hostile = fc.oneof(
      fc.constant({ v: 2, events: [] }),
      fc.constant(null),
      fc.string().map((s) => ({ v: 1, events: s })),
      fc.integer({ min: 9, max: 400 }).map((n) => ({ v: 1, events: [collectedEvent({ site: site.id, props: deep(n) })] })),
      fc.constant({ v: 1, events: [collectedEvent({ site: uid("gone"), anonymous_id: uid("a") })] }),
      fc.record({ v: fc.constant(1), events: fc.array(fc.anything(), { maxLength: 3 }) }),
    );
    const valid = fc.constant(null).map(() => ({ v: 1, events: [collectedEvent({ site: site.id, anonymous_id: uid("a") })] }) as EventsMessage);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(valid, hostile), { minLength: 1, maxLength: 8 }), async (messages) => {
        const result = await deliver(messages as EventsMessage[]);
        expect(result.retryMessages).toEqual([]);
        for (const m of messages as EventsMessage[]) {
          const e = m && Array.isArray(m.events) && m.events.length === 1 && m.events[0]?.site === site.id && Object.keys(m.events[0].props).length === 0 ? m.events[0] : null;
          if (e) expect(await count(site, "SELECT COUNT(*) AS n FROM events WHERE site = ?1 AND id = ?2", site.id, e.id)).toBe(1);
        }
      }),
      { numRuns: 25, seed: 15015 },
    );
  });
});

describe("dashboard sessions", () => {
  async function signIn(token: string) {
    const res = await api("/dashboard/sign-in", {
      method: "POST", token: null, redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://pista.test" },
      body: new URLSearchParams({ token }).toString(),
    });
    expect(res.status).toBe(303);
    return /pista_dashboard=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")![1]!;
  }
  const page = (cookie: string) => api("/dashboard/leads", { token: null, redirect: "manual", headers: { cookie: `pista_dashboard=${cookie}` } });

  it("end at sign-out, hold a random id rather than the token, and are worth nothing as an API token", async () => {
    const site = await createSite();
    const cookie = await signIn(site.read_key);
    expect(cookie).not.toContain(site.read_key);
    expect((await page(cookie)).status).toBe(200);
    expect((await api(`/api/v1/profiles?site=${site.id}`, { token: cookie })).status).toBe(401);
    const out = await api("/dashboard/sign-out", { method: "POST", token: null, redirect: "manual", headers: { cookie: `pista_dashboard=${cookie}`, origin: "https://pista.test" } });
    expect(out.status).toBe(303);
    const after = await page(cookie);
    expect(after.status).toBe(303);
    expect(after.headers.get("location")).toMatch(/\/dashboard\/sign-in/);
  });

  it("end when the read key they were opened with is rotated", async () => {
    const site = await createSite();
    const cookie = await signIn(site.read_key);
    expect((await page(cookie)).status).toBe(200);
    expect((await api(`/api/v1/sites/${site.id}/keys`, { method: "POST", body: JSON.stringify({ key: "read" }) })).status).toBe(200);
    expect((await page(cookie)).status).toBe(303);
  });
});

describe("keys", () => {
  it("rotated write and read keys are refused at once; the new ones work", async () => {
    const site = await createSite();
    const track = (key: string) => api("/v1/track", { method: "POST", token: null, headers: { authorization: `Basic ${btoa(`${key}:`)}` }, body: JSON.stringify({ anonymousId: uid("a"), event: "x" }) });
    expect((await track(site.write_key)).status).toBe(200);
    const write = await api(`/api/v1/sites/${site.id}/keys`, { method: "POST", body: JSON.stringify({ key: "write" }) });
    expect(write.body.write_key).toMatch(/^wk_/);
    expect((await track(site.write_key)).status).toBe(401);
    expect((await track(write.body.write_key)).status).toBe(200);

    expect((await api(`/api/v1/profiles?site=${site.id}`, { token: site.read_key })).status).toBe(200);
    const read = await api(`/api/v1/sites/${site.id}/keys`, { method: "POST", body: JSON.stringify({ key: "read" }) });
    expect((await api(`/api/v1/profiles?site=${site.id}`, { token: site.read_key })).status).toBe(401);
    expect((await api(`/api/v1/profiles?site=${site.id}`, { token: read.body.read_key })).status).toBe(200);
    expect((await api(`/api/v1/sites/${site.id}/keys`, { method: "POST", token: read.body.read_key, body: JSON.stringify({ key: "read" }) })).status).toBe(403);
    expect((await api(`/api/v1/sites/${site.id}/keys`, { method: "POST", body: JSON.stringify({ key: "admin" }) })).status).toBe(400);
  });

  it("are stored as hashes, never as themselves", async () => {
    const site = await createSite();
    const row = await (await dbOf(site)).prepare("SELECT write_key, read_key FROM sites WHERE id = ?1").bind(site.id).first<{ write_key: string; read_key: string }>();
    expect(row!.write_key).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(row!.read_key).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(site.write_key);
    expect((await api(`/api/v1/sites/${site.id}`)).body.read_key).toBeUndefined();
  });
});

describe("per-site ids and look-ups", () => {
  it("counts two sites' custom conversions with the same event id once each", async () => {
    // Both sites in one shard, so the two rows with one id meet in one database; one message per site (as ingest sends
    // them), both in one batch, so they are stored in one transaction.
    const s1 = await createSite();
    const s2 = await createSite({ shard: await shardOf(s1) });
    const order = (site: string) => collectedEvent({ site, id: "order-1001", anonymous_id: uid("a"), type: "track", name: "purchase", props: { value: 120 } });
    await deliver([{ v: 1, events: [order(s1.id)] }, { v: 1, events: [order(s2.id)] }]);
    for (const s of [s1, s2]) {
      const report = await api(`/api/v1/attribution?site=${s.id}&conversion=purchase&model=last_touch`);
      expect(report.body).toMatchObject({ total_conversions: 1, total_value: 120 });
    }
  });

  it("refuses a client that keeps naming unknown sites before any look-up, while known sites still work for it", async () => {
    const known = await createSite();
    const ip = { "cf-connecting-ip": `198.51.100.${Math.floor(Math.random() * 200) + 1}` };
    // The known site is looked up (and cached) first.
    expect((await collect({ s: known.id, a: uid("a"), e: [{ k: "pageview", id: uid("e"), t: Date.now(), u: "https://example.com/" }] }, ip)).status).toBe(202);
    // Twenty-five at a time, so a busy machine still fits them in one window of the limiter (100 failed look-ups a minute here).
    const statuses: number[] = [];
    const unknown = () => collect({ s: uid("nosuch"), a: "a1", e: [{ k: "pageview", id: uid("e"), t: Date.now(), u: "https://example.com/" }] }, ip);
    while (statuses.filter((s) => s === 429).length < 5 && statuses.length < 1000) statuses.push(...(await Promise.all(Array.from({ length: 25 }, unknown))).map((r) => r.status));
    expect(statuses.filter((s) => s === 404).length).toBeGreaterThanOrEqual(100);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5);
    expect(statuses.every((s) => s === 404 || s === 429)).toBe(true);
    // A site the isolate has cached needs no look-up. On a loaded machine the flood may outlast the cache (30 s), so
    // another client has the known site looked up again first; the refused client is then served from the cache.
    const other = { "cf-connecting-ip": `192.0.2.${Math.floor(Math.random() * 200) + 1}` };
    expect((await collect({ s: known.id, a: uid("a"), e: [{ k: "pageview", id: uid("e"), t: Date.now(), u: "https://example.com/" }] }, other)).status).toBe(202);
    expect((await collect({ s: known.id, a: uid("a"), e: [{ k: "pageview", id: uid("e"), t: Date.now(), u: "https://example.com/" }] }, ip)).status).toBe(202);
    const admin = await eventually(async () => {
      const s = (await api("/api/v1/stats")).body;
      return s.dropped.unknown_site >= 100 ? s : null;
    });
    expect(admin.site).toBeNull();
    expect((await api("/api/v1/stats", { token: known.read_key })).status).toBe(403);
  }, 180_000);
});
