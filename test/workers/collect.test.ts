// collect → EVENTS queue → consumer → D1 → API, in the Workers runtime with the real D1 and queue emulation.
import { describe, expect, it } from "vitest";
import { api, collect, collectedEvent, createSite, dbOf, deliver, env, eventually, profileOf, uid, wirePageview } from "./support";

describe("POST /collect", () => {
  it("accepts a page view and the profile appears in the API after the queue", async () => {
    const site = await createSite();
    const a = uid("anon");
    const res = await collect({ s: site.id, a, e: [wirePageview({ u: "https://example.com/pricing?utm_source=newsletter&utm_medium=email", r: "" })] });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ accepted: 1 });
    const profile = await eventually(() => profileOf(site.id, a));
    expect(profile).toMatchObject({ site: site.id, anonymous_ids: [a], stage: "visitor", counts: { pageviews: 1, sessions: 1, events: 1 } });
    expect(profile.first_touch).toMatchObject({ channel: "Email", source: "newsletter", medium: "email" });
    expect(profile.device).toMatchObject({ browser: "Chrome", os: "Mac OS", type: "desktop" });
    const single = await api(`/api/v1/profiles/${profile.id}`);
    expect(single.status).toBe(200);
    expect(single.body.id).toBe(profile.id);
  });

  it("returns 400 malformed_json for a body that is not JSON, and stores nothing", async () => {
    const site = await createSite();
    const res = await collect(`{"s":"${site.id}","e":[`);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: "malformed_json", message: expect.any(String) } });
  });

  it.each([
    ["a number as site", { s: 42, e: [] }, "s"],
    ["no events", { s: "demo", a: "x", e: [] }, "e"],
    ["an unknown field", { s: "demo", a: "x", e: [{}], zz: 1 }, "zz"],
    ["an array body", [1, 2], "s"],
  ])("returns 400 with issues for %s", async (_name, body, path) => {
    const res = await collect(body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it("returns 413 for a body over 64 KB", async () => {
    const site = await createSite();
    const big = "x".repeat(70 * 1024);
    const res = await collect({ s: site.id, a: uid(), e: [wirePageview({ ti: big })] });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
  });

  it("returns 404 unknown_site for a site that does not exist", async () => {
    const res = await collect({ s: "no-such-site", a: uid(), e: [wirePageview()] });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("unknown_site");
  });

  it("returns 403 when the origin is not one of the site's domains", async () => {
    const site = await createSite({ domains: ["example.com"] });
    const res = await collect({ s: site.id, a: uid(), e: [wirePageview()] }, { origin: "https://evil.example.net" });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("origin_not_allowed");
  });

  it("keeps the valid events of a batch that also holds invalid ones, and says which were rejected", async () => {
    const site = await createSite();
    const a = uid("anon");
    const good = wirePageview({ u: "https://example.com/docs" });
    const res = await collect({ s: site.id, a, e: [{ k: "pageview", id: 5 }, good, { k: "teleport", id: "x", t: 1, u: "/" }] });
    expect(res.status).toBe(202);
    expect(res.body.accepted).toBe(1);
    expect(res.body.rejected.map((r: { index: number }) => r.index)).toEqual([0, 2]);
    const profile = await eventually(() => profileOf(site.id, a));
    const events = await api(`/api/v1/profiles/${profile.id}/events`);
    expect(events.body.data.map((e: { id: string }) => e.id)).toEqual([good.id]);
  });

  it("stores hostile strings as data, unchanged and harmless", async () => {
    const site = await createSite();
    const a = uid("anon");
    const hostile = `<script>alert(1)</script>'; DROP TABLE profiles; -- \u0000 \u202e ☃ ${"🙂".repeat(20)}`;
    const res = await collect({ s: site.id, a, e: [wirePageview({ ti: hostile, u: "https://example.com/?q=%3Cscript%3E" })] });
    expect(res.status).toBe(202);
    const profile = await eventually(() => profileOf(site.id, a));
    const events = await api(`/api/v1/profiles/${profile.id}/events`);
    expect(events.body.data[0].title).toBe(hostile);
    // The SQL in the title was data: this site's profile (and the table) are still there.
    expect((await (await dbOf(site)).prepare("SELECT COUNT(*) AS n FROM profiles WHERE site = ?1").bind(site.id).first<{ n: number }>())!.n).toBe(1);
  });

  it("drops bot traffic: no profile, counted under dropped.bot", async () => {
    const site = await createSite();
    const a = uid("anon");
    const res = await collect({ s: site.id, a, e: [wirePageview(), wirePageview()] }, { "user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ accepted: 0, dropped: { bot: 2 } });
    const stats = await eventually(async () => {
      const s = await api(`/api/v1/stats?site=${site.id}`);
      return s.body.dropped.bot === 2 ? s : null;
    });
    expect(stats!.body.events_accepted).toBe(0);
    expect(await profileOf(site.id, a)).toBeNull();
  });
});

describe("EVENTS consumer", () => {
  it("stores a redelivered batch once", async () => {
    const site = await createSite();
    const a = uid("anon");
    const first = collectedEvent({ site: site.id, anonymous_id: a });
    const second = collectedEvent({ site: site.id, anonymous_id: a, url: "https://example.com/pricing", at: first.at + 1000 });
    const once = await deliver([{ v: 1, events: [first, second] }]);
    expect(once.explicitAcks.length).toBe(1);
    const before = await profileOf(site.id, a);
    expect(before.counts.events).toBe(2);
    // The queue redelivers the same message, and even twice in one batch.
    const again = await deliver([{ v: 1, events: [first, second] }, { v: 1, events: [second] }], 2);
    expect(again.explicitAcks.length).toBe(2);
    const after = await profileOf(site.id, a);
    expect(after.counts).toEqual(before.counts);
    expect(after.updated_at).toBe(before.updated_at);
    const db = await dbOf(site);
    expect((await db.prepare("SELECT COUNT(*) AS n FROM events WHERE profile_id = ?1").bind(before.id).first<{ n: number }>())!.n).toBe(2);
    expect((await db.prepare("SELECT COUNT(*) AS n FROM touches WHERE profile_id = ?1").bind(before.id).first<{ n: number }>())!.n).toBe(1);
    const stats = await api(`/api/v1/stats?site=${site.id}`);
    expect(stats.body.events_stored).toBe(2);
  });

  it("sends an unreadable message to the dead-letter queue and still stores the others", async () => {
    const site = await createSite();
    const a = uid("anon");
    const res = await collect({ s: site.id, a, e: [wirePageview()] });
    expect(res.status).toBe(202);
    const marker = uid("nonsense");
    const result = await deliver([{ v: 1, events: [{ [marker]: true }] } as never]);
    expect(result.explicitAcks.length).toBe(1);
    await eventually(() => profileOf(site.id, a));
    const dead = await eventually(async () => (await env.DB.prepare("SELECT * FROM dead_letters WHERE instr(body, ?1) > 0").bind(marker).first()) ?? null);
    expect(dead).toMatchObject({ reason: "unreadable" });
  });
});

describe("rate limiting", () => {
  it("answers 429 with Retry-After once a client exceeds the site's limit, and keeps what came before", async () => {
    const site = await createSite();
    const a = uid("anon");
    // Sent ten at a time, so a busy machine still fits them in one window of the limiter.
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof collect>> | null = null;
    while (!limited && statuses.length < 90) {
      const burst = await Promise.all(Array.from({ length: 10 }, () => collect({ s: site.id, a, e: [wirePageview()] })));
      statuses.push(...burst.map((r) => r.status));
      limited = burst.find((r) => r.status === 429) ?? null;
    }
    expect(limited).not.toBeNull();
    expect(limited!.headers.get("retry-after")).toBe("60");
    expect(limited!.body.error.code).toBe("rate_limited");
    // The limit is 40 a minute (test/workers/vitest.config.ts); a window may turn while the test runs, adding 40 more.
    const accepted = statuses.filter((s) => s === 202).length;
    expect(accepted).toBeGreaterThanOrEqual(40);
    expect(accepted).toBeLessThanOrEqual(80);
    expect(statuses.every((s) => s === 202 || s === 429)).toBe(true);
    await eventually(async () => (await profileOf(site.id, a))?.counts.events === accepted);
    // Another site's visitors are not held back by this one.
    const other = await createSite();
    expect((await collect({ s: other.id, a: uid(), e: [wirePageview()] })).status).toBe(202);
  }, 60_000);
});

describe("long URLs", () => {
  it("keeps an event whose URL is longer than 2,048 characters, cut to 2,048", async () => {
    const site = await createSite();
    const a = uid("anon");
    const long = `https://example.com/pricing?${"utm_content=x&".repeat(400)}`;
    const res = await collect({ s: site.id, a, e: [wirePageview({ u: long })] });
    expect(res.status).toBe(202);
    expect(res.body.accepted).toBe(1);
    const profile = await eventually(() => profileOf(site.id, a));
    const events = await api(`/api/v1/profiles/${profile.id}/events`);
    expect(events.body.data[0].url).toBe(long.slice(0, 2048));
  });
});

describe("privacy", () => {
  it.each([
    ["the Sec-GPC header", { "sec-gpc": "1" }, {}],
    ["the cookieless flag", {}, { c: 1 }],
  ])("keeps no identifier and no identity when %s says so", async (_name, headers, flags) => {
    const site = await createSite();
    const a = uid("anon");
    const res = await collect({ s: site.id, a, ...flags, e: [wirePageview(), wirePageview({ k: "identify", tr: { email: "gpc@example.com", name: "Private" } })] }, headers);
    expect(res.status).toBe(202);
    const list = await eventually(async () => {
      const r = await api(`/api/v1/profiles?site=${site.id}`);
      return r.body.data.length ? r.body.data : null;
    });
    expect(list).toHaveLength(1);
    expect(list[0].anonymous_ids).toEqual([]);
    expect(list[0]).toMatchObject({ email: null, stage: "visitor", traits: {} });
    expect(await profileOf(site.id, a)).toBeNull();
    expect(await (await dbOf(site)).prepare("SELECT COUNT(*) AS n FROM events WHERE site = ?1 AND data LIKE '%gpc@example.com%'").bind(site.id).first("n")).toBe(0);
  });
});
