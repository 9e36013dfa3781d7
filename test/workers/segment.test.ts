// Segment HTTP Tracking API → EVENTS queue → consumer → D1 → API, in the Workers runtime with the real D1 and queue emulation.
import { describe, expect, it } from "vitest";
import { api, createSite, dbOf, eventually, uid, UA_CHROME } from "./support";

const SDK_UA = "analytics-node-next/latest";
const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

type Auth = "basic" | "basic-no-colon" | "body" | "none";

/** POSTs like a server SDK: Basic auth with the write key (or the key in the body), JSON, the SDK's own User-Agent. */
async function segment(path: string, body: unknown, o: { key: string; auth?: Auth; headers?: Record<string, string> }) {
  const auth = o.auth ?? "basic";
  const headers: Record<string, string> = { "user-agent": SDK_UA, ...o.headers };
  if (auth === "basic") headers.authorization = `Basic ${btoa(`${o.key}:`)}`;
  if (auth === "basic-no-colon") headers.authorization = `Basic ${btoa(o.key)}`;
  const withKey = auth === "body" && typeof body === "object" && body !== null ? { ...body, writeKey: o.key } : body;
  return api(path, { method: "POST", body: typeof withKey === "string" ? withKey : JSON.stringify(withKey), token: null, headers });
}

async function profileByUser(site: string, userId: string) {
  const res = await api(`/api/v1/profiles?site=${site}&user_id=${encodeURIComponent(userId)}`);
  return (res.body as { data: any[] }).data[0] ?? null;
}

async function profileByAnon(site: string, anonymousId: string) {
  const res = await api(`/api/v1/profiles?site=${site}&anonymous_id=${encodeURIComponent(anonymousId)}`);
  return (res.body as { data: any[] }).data[0] ?? null;
}

async function eventsOf(profileId: string): Promise<any[]> {
  return (await api(`/api/v1/profiles/${profileId}/events`)).body.data;
}

/** Waits until the profile of `userId` holds an event with this id (the queue is asynchronous). */
async function storedEvent(site: string, userId: string, eventId: string): Promise<{ profile: any; event: any }> {
  const found = await eventually(async () => {
    const p = await profileByUser(site, userId);
    const e = p && (await eventsOf(p.id)).find((x) => x.id === eventId);
    // Read the profile again: the event's transaction may have committed between the two reads above.
    return e ? { profile: (await api(`/api/v1/profiles/${p.id}`)).body, event: e } : null;
  });
  return found!;
}

describe("Segment endpoints", () => {
  const single = { success: true };
  it.each([
    ["/v1/track", { event: "Demo Requested", properties: { plan: "pro" } }, single, { type: "track", name: "Demo Requested", props: { plan: "pro" } }],
    ["/v1/identify", { traits: { email: "Ada@Example.org", title: "CTO" } }, single, { type: "identify", traits: { email: "Ada@Example.org", title: "CTO", job_title: "CTO" } }],
    ["/v1/page", { name: "Pricing", context: { page: { url: "https://example.com/pricing", title: "Plans" } } }, single, { type: "pageview", name: "Pricing", url: "https://example.com/pricing", title: "Plans" }],
    ["/v1/screen", { name: "Dashboard" }, single, { type: "pageview", name: "Dashboard", url: null, title: "Dashboard" }],
    ["/v1/group", { groupId: "acme-1", traits: { name: "Acme", employees: 250 } }, single, { type: "track", name: "group", props: { name: "Acme", employees: 250, group_id: "acme-1" } }],
    ["/v1/alias", { previousId: "old-id-42" }, single, { type: "alias", name: null }],
  ])("POST %s stores the message as a Pista event of the user's profile", async (path, fields, response, expected) => {
    const site = await createSite();
    const userId = uid("user");
    const messageId = uid("msg");
    const res = await segment(path, { userId, messageId, ...fields }, { key: site.write_key });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(response);
    const { event } = await storedEvent(site.id, userId, messageId);
    expect(event).toMatchObject(expected);
  });

  it.each(["/v1/batch", "/v1/import"])("POST %s stores every message of the batch", async (path) => {
    const site = await createSite();
    const userId = uid("user");
    const ids = [uid("msg"), uid("msg")];
    const batch = [
      { type: "identify", userId, messageId: ids[0], traits: { email: "grace@example.org" } },
      { type: "track", userId, messageId: ids[1], event: "Trial Started" },
    ];
    const res = await segment(path, { batch }, { key: site.write_key });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, accepted: 2 });
    await storedEvent(site.id, userId, ids[1]!);
    const profile = await profileByUser(site.id, userId);
    expect(profile.email).toBe("grace@example.org");
    expect((await eventsOf(profile.id)).map((e) => e.id).sort()).toEqual([...ids].sort());
  });

  it("group gives the person's profile the company it belongs to", async () => {
    const site = await createSite();
    const userId = uid("user");
    const messageId = uid("msg");
    await segment("/v1/group", { userId, messageId, groupId: "g-7", traits: { name: "Initech", employees: 300, industry: "Software" } }, { key: site.write_key });
    const { profile } = await storedEvent(site.id, userId, messageId);
    expect(profile.traits).toMatchObject({ company: "Initech", company_id: "g-7", employees: 300, industry: "Software" });
  });
});

describe("Segment auth", () => {
  it.each<Auth>(["basic", "basic-no-colon", "body"])("accepts the write key sent as %s", async (auth) => {
    const site = await createSite();
    const res = await segment("/v1/track", { anonymousId: uid("anon"), event: "Signed Up" }, { key: site.write_key, auth });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true });
  });

  it("accepts the write key in a batch body", async () => {
    const site = await createSite();
    const res = await segment("/v1/batch", { batch: [{ type: "track", anonymousId: uid("anon"), event: "Signed Up" }] }, { key: site.write_key, auth: "body" });
    expect(res.status).toBe(200);
  });

  it.each<[string, Auth, string]>([
    ["no write key at all", "none", "ignored"],
    ["an unknown key as Basic user", "basic", "wk_no_such_key"],
    ["an unknown key in the body", "body", "wk_no_such_key"],
  ])("returns 401 unauthorized for %s", async (_name, auth, key) => {
    const res = await segment("/v1/track", { anonymousId: uid("anon"), event: "Signed Up" }, { key, auth });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("unauthorized");
    expect(res.headers.get("www-authenticate")).toMatch(/^Basic/);
  });

  it("returns 401 for a Bearer token in place of Basic auth", async () => {
    const site = await createSite();
    const res = await segment("/v1/track", { anonymousId: uid("anon"), event: "x" }, { key: site.write_key, auth: "none", headers: { authorization: `Bearer ${site.write_key}` } });
    expect(res.status).toBe(401);
  });
});

describe("Segment limits and validation", () => {
  it("rejects only the message over 32 KB in a batch and keeps the others", async () => {
    const site = await createSite();
    const userId = uid("user");
    const ids = [uid("msg"), uid("big"), uid("msg")];
    const batch = ids.map((messageId, i) => ({ type: "track", userId, messageId, event: "Viewed", properties: i === 1 ? { blob: "x".repeat(40 * 1024) } : {} }));
    const res = await segment("/v1/batch", { batch }, { key: site.write_key });
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(2);
    expect(res.body.rejected).toEqual([{ index: 1, messageId: ids[1], issues: [{ path: "batch.1", message: expect.stringContaining("32 KB") }] }]);
    await storedEvent(site.id, userId, ids[2]!);
    const profile = await profileByUser(site.id, userId);
    expect((await eventsOf(profile.id)).map((e) => e.id).sort()).toEqual([ids[0], ids[2]].sort());
  });

  it("returns 413 for a batch request over 500 KB", async () => {
    const site = await createSite();
    const batch = Array.from({ length: 30 }, () => ({ type: "track", anonymousId: uid("anon"), event: "Bulk", properties: { pad: "y".repeat(20 * 1024) } }));
    const res = await segment("/v1/batch", { batch }, { key: site.write_key });
    expect(JSON.stringify({ batch }).length).toBeGreaterThan(600 * 1024);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("payload_too_large");
  });

  it("returns 413 for a single message over 32 KB", async () => {
    const site = await createSite();
    const res = await segment("/v1/track", { anonymousId: uid("anon"), event: "Big", properties: { pad: "z".repeat(40 * 1024) } }, { key: site.write_key });
    expect(res.status).toBe(413);
  });

  it.each(["/v1/track", "/v1/batch"])("returns 400 malformed_json on %s for a body that is not JSON", async (path) => {
    const site = await createSite();
    const res = await segment(path, '{"batch":[{"type":"track"', { key: site.write_key });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: "malformed_json", message: expect.any(String) } });
  });

  it("keeps the valid messages of a mixed batch and says which were rejected and why", async () => {
    const site = await createSite();
    const userId = uid("user");
    const good = [uid("msg"), uid("msg")];
    const batch = [
      { type: "track", userId, messageId: good[0], event: "Quote Requested" },
      { type: "track", messageId: "no-ids", event: "Orphan" },
      { type: "page", userId, messageId: good[1], context: { page: { url: "https://example.com/docs" } } },
      { type: "teleport", userId, messageId: "bad-type" },
      { type: "identify", userId, messageId: "bad-traits", traits: "not an object" },
      { type: "track", userId, messageId: "bad-time", event: "Late", timestamp: "last tuesday" },
    ];
    const res = await segment("/v1/batch", { batch }, { key: site.write_key });
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(2);
    const rejected = res.body.rejected as { index: number; messageId: string; issues: { path: string }[] }[];
    expect(rejected.map((r) => [r.index, r.messageId, r.issues.map((i) => i.path)])).toEqual([
      [1, "no-ids", ["batch.1.userId"]],
      [3, "bad-type", ["batch.3.type"]],
      [4, "bad-traits", ["batch.4.traits"]],
      [5, "bad-time", ["batch.5.timestamp"]],
    ]);
    await storedEvent(site.id, userId, good[1]!);
    const profile = await profileByUser(site.id, userId);
    expect((await eventsOf(profile.id)).map((e) => e.id).sort()).toEqual([...good].sort());
    const stats = await eventually(async () => {
      const s = await api(`/api/v1/stats?site=${site.id}`);
      return s.body.dropped.invalid === 4 ? s.body : null;
    });
    expect(stats.events_accepted).toBe(2);
  });

  it.each([
    ["a batch where no message is valid", "/v1/batch", { batch: [{ type: "track" }, { type: "alias", userId: "u" }] }, ["batch.0.event", "batch.1.previousId"]],
    ["an empty batch", "/v1/batch", { batch: [] }, ["batch"]],
    ["a track without event", "/v1/track", { userId: "u1" }, ["event"]],
    ["a message with neither userId nor anonymousId", "/v1/identify", { traits: {} }, ["userId"]],
    ["an alias without previousId", "/v1/alias", { userId: "u1" }, ["previousId"]],
  ])("returns 400 with issues for %s", async (_name, path, body, paths) => {
    const site = await createSite();
    const res = await segment(path, body, { key: site.write_key });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("invalid_request");
    for (const p of paths) expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(p);
  });
});

describe("Segment mapping into profiles", () => {
  it("stores a repeated messageId once, across requests and within one batch", async () => {
    const site = await createSite();
    const userId = uid("user");
    const repeat = { type: "track", userId, messageId: uid("dup"), event: "Signed Up" };
    expect((await segment("/v1/track", repeat, { key: site.write_key })).status).toBe(200);
    await storedEvent(site.id, userId, repeat.messageId);
    // The marker rides in the same request (one queue message, one transaction) as the last repeats.
    const marker = uid("marker");
    const res = await segment("/v1/batch", { batch: [repeat, repeat, { type: "track", userId, messageId: marker, event: "Marker" }] }, { key: site.write_key });
    expect(res.body.accepted).toBe(3);
    const { profile } = await storedEvent(site.id, userId, marker);
    const row = await (await dbOf(site)).prepare("SELECT COUNT(*) AS n FROM events WHERE site = ?1 AND id = ?2").bind(site.id, repeat.messageId).first<{ n: number }>();
    expect(row!.n).toBe(1);
    expect(profile.counts.events).toBe(2);
  });

  it("merges the anonymous profile into the identified one when identify is followed by alias", async () => {
    const site = await createSite();
    const anon = uid("anon");
    const userId = uid("user");
    const key = { key: site.write_key };
    await segment("/v1/page", { anonymousId: anon, context: { page: { url: "https://example.com/pricing" } } }, key);
    const anonymous = await eventually(() => profileByAnon(site.id, anon));
    await segment("/v1/identify", { userId, traits: { email: "lin@example.org" } }, key);
    const identified = await eventually(() => profileByUser(site.id, userId));
    expect(identified.id).not.toBe(anonymous.id);

    expect((await segment("/v1/alias", { previousId: anon, userId }, key)).status).toBe(200);
    const merged = await eventually(async () => {
      const p = await profileByAnon(site.id, anon);
      return p?.id === identified.id ? p : null;
    });
    expect(merged).toMatchObject({ user_id: userId, email: "lin@example.org", anonymous_ids: [anon] });
    expect(merged.counts).toMatchObject({ pageviews: 1, events: 3 });
    const old = await api(`/api/v1/profiles/${anonymous.id}`);
    expect(old.body.id).toBe(identified.id);
  });

  it.each([
    // A client clock an hour behind: timestamp + (receivedAt − sentAt) lands 10 minutes before arrival.
    ["message sentAt", { clockOffset: -3_600_000, ageMs: 600_000, sentAtIn: "message" as const }, -600_000],
    ["batch sentAt", { clockOffset: -3_600_000, ageMs: 600_000, sentAtIn: "batch" as const }, -600_000],
    ["a clock two hours ahead", { clockOffset: 7_200_000, ageMs: 5_000, sentAtIn: "message" as const }, -5_000],
  ])("corrects the event time for clock skew using %s", async (_name, o, expectedOffset) => {
    const site = await createSite();
    const userId = uid("user");
    const messageId = uid("msg");
    const before = Date.now();
    const sentAt = before + o.clockOffset;
    const msg = { type: "track", userId, messageId, event: "Skewed", timestamp: new Date(sentAt - o.ageMs).toISOString() };
    const body = o.sentAtIn === "batch" ? { batch: [msg], sentAt: new Date(sentAt).toISOString() } : { batch: [{ ...msg, sentAt: new Date(sentAt).toISOString() }] };
    await segment("/v1/batch", body, { key: site.write_key });
    const after = Date.now();
    const { event } = await storedEvent(site.id, userId, messageId);
    const at = Date.parse(event.at);
    expect(at).toBeGreaterThanOrEqual(before + expectedOffset);
    expect(at).toBeLessThanOrEqual(after + expectedOffset);
  });

  it("keeps a historical timestamp as sent when there is no sentAt", async () => {
    const site = await createSite();
    const userId = uid("user");
    const messageId = uid("msg");
    await segment("/v1/import", { batch: [{ type: "track", userId, messageId, event: "Imported", timestamp: "2025-03-04T05:06:07.089Z" }] }, { key: site.write_key });
    const { event } = await storedEvent(site.id, userId, messageId);
    expect(event.at).toBe("2025-03-04T05:06:07.089Z");
  });

  it("never stores context.ip", async () => {
    const site = await createSite();
    const userId = uid("user");
    const messageId = uid("msg");
    const ip = "203.0.113.77";
    const context = { ip, userAgent: UA_CHROME, page: { url: "https://example.com/" }, traits: { email: "ip@example.org" } };
    await segment("/v1/batch", { batch: [{ type: "identify", userId, messageId: uid("msg"), context }, { type: "track", userId, messageId, event: "Clicked", context }] }, { key: site.write_key });
    await storedEvent(site.id, userId, messageId);
    const { results } = await (await dbOf(site)).prepare("SELECT data FROM events WHERE site = ?1").bind(site.id).all<{ data: string }>();
    expect(results.length).toBe(2);
    for (const r of results) expect(r.data).not.toContain(ip);
    const profiles = await (await dbOf(site)).prepare("SELECT doc FROM profiles WHERE site = ?1").bind(site.id).all<{ doc: string }>();
    for (const r of profiles.results) expect(r.doc).not.toContain(ip);
  });

  it("reads device and bots from context.userAgent, never from the SDK's own User-Agent", async () => {
    const site = await createSite();
    const [human, bot, bare] = [uid("user"), uid("user"), uid("user")];
    const ids = [uid("msg"), uid("msg"), uid("msg")];
    const res = await segment(
      "/v1/batch",
      {
        batch: [
          { type: "track", userId: human, messageId: ids[0], event: "Viewed", context: { userAgent: UA_CHROME } },
          { type: "track", userId: bot, messageId: ids[1], event: "Viewed", context: { userAgent: GOOGLEBOT } },
          { type: "track", userId: bare, messageId: ids[2], event: "Viewed" },
        ],
      },
      { key: site.write_key, headers: { "user-agent": GOOGLEBOT } },
    );
    expect(res.body).toEqual({ success: true, accepted: 2, dropped: { bot: 1 } });
    const { profile } = await storedEvent(site.id, human, ids[0]!);
    expect(profile.device).toMatchObject({ browser: "Chrome", os: "Mac OS", type: "desktop" });
    await storedEvent(site.id, bare, ids[2]!);
    expect(await profileByUser(site.id, bot)).toBeNull();
    const stats = await eventually(async () => {
      const s = await api(`/api/v1/stats?site=${site.id}`);
      return s.body.dropped.bot === 1 ? s.body : null;
    });
    expect(stats.events_accepted).toBe(2);
  });

  it.each([
    ["context.campaign", { page: { url: "https://example.com/landing" }, campaign: { source: "newsletter", medium: "email", name: "spring", term: "crm", content: "hero" } }, { channel: "Email", source: "newsletter", medium: "email", campaign: "spring", term: "crm", content: "hero" }],
    ["UTM tags in the page URL", { page: { url: "https://example.com/landing?utm_source=google&utm_medium=cpc&utm_campaign=brand" } }, { channel: "Paid Search", source: "google", medium: "cpc", campaign: "brand" }],
    ["an external referrer", { page: { url: "https://example.com/", referrer: "https://www.linkedin.com/feed/" } }, { channel: "Organic Social", medium: "referral" }],
  ])("attributes the first touch from %s", async (_name, context, touch) => {
    const site = await createSite();
    const userId = uid("user");
    const messageId = uid("msg");
    await segment("/v1/page", { userId, messageId, context }, { key: site.write_key });
    const { profile } = await storedEvent(site.id, userId, messageId);
    expect(profile.first_touch).toMatchObject(touch);
    expect(profile.counts.sessions).toBe(1);
  });

  it("starts no session or touch for a server-side event without a page URL", async () => {
    const site = await createSite();
    const userId = uid("user");
    const messageId = uid("msg");
    await segment("/v1/track", { userId, messageId, event: "Invoice Paid", properties: { value: 120 }, context: { campaign: { source: "crm", medium: "email" } } }, { key: site.write_key });
    const { profile } = await storedEvent(site.id, userId, messageId);
    expect(profile.counts).toMatchObject({ sessions: 0, events: 1 });
    expect(profile.first_touch).toBeNull();
    expect((await (await dbOf(site)).prepare("SELECT COUNT(*) AS n FROM touches WHERE site = ?1").bind(site.id).first<{ n: number }>())!.n).toBe(0);
  });
});
