// Sites through the API: create, change, delete (everything of the site goes, nothing of another), local pages in
// development, refused beacons counted by reason and origin, and when the last event came.
import { describe, expect, it } from "vitest";
import { api, collect, collectedEvent, createSite, dbOf, deliver, env, eventually, uid } from "./support";

const count = async (db: D1Database, sql: string, ...args: unknown[]) => (await db.prepare(sql).bind(...args).first<{ n: number }>())!.n;
const pageview = (site: string, u = "https://acme.com/") => ({ s: site, a: uid("a"), e: [{ k: "pageview", id: uid("e"), t: Date.now(), u }] });

describe("PATCH /api/v1/sites/{id}", () => {
  it("changes name, domains and settings; null puts a setting back to its default", async () => {
    const site = await createSite({ domains: ["acme.com"] });
    const res = await api(`/api/v1/sites/${site.id}`, { method: "PATCH", body: JSON.stringify({ name: "Acme", domains: ["acme.com", "acme.io"], settings: { retention_days: 30, allow_opaque_origins: true } }) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: site.id, name: "Acme", domains: ["acme.com", "acme.io"], settings: { retention_days: 30, allow_opaque_origins: true } });
    expect(res.body.write_key).toBeUndefined();
    const reset = await api(`/api/v1/sites/${site.id}`, { method: "PATCH", body: JSON.stringify({ settings: { retention_days: null } }) });
    expect(reset.body.settings).toMatchObject({ retention_days: 396, allow_opaque_origins: true });
    expect(reset.body.name).toBe("Acme");
    // The new domain counts at once (the site cache is refreshed).
    expect((await collect(pageview(site.id, "https://acme.io/"), { origin: "https://acme.io" })).status).toBe(202);
  });

  it("refuses bad input with 400 and the path, an empty change, a read key (403) and an unknown site (404)", async () => {
    const site = await createSite();
    const bad = await api(`/api/v1/sites/${site.id}`, { method: "PATCH", body: JSON.stringify({ domains: ["not a host!"], settings: { retention_days: 0 } }) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["domains.0", "settings.retention_days"]);
    expect((await api(`/api/v1/sites/${site.id}`, { method: "PATCH", body: "{}" })).status).toBe(400);
    expect((await api(`/api/v1/sites/${site.id}`, { method: "PATCH", body: JSON.stringify({ nope: 1 }) })).status).toBe(400);
    expect((await api(`/api/v1/sites/${site.id}`, { method: "PATCH", token: site.read_key, body: JSON.stringify({ name: "x" }) })).status).toBe(403);
    expect((await api(`/api/v1/sites/${uid("none")}`, { method: "PATCH", body: JSON.stringify({ name: "x" }) })).status).toBe(404);
  });
});

describe("DELETE /api/v1/sites/{id}", () => {
  it("erases everything of the site and nothing of another", async () => {
    const [doomed, kept] = [await createSite(), await createSite()];
    // Each site's shard, known before the directory forgets the deleted one.
    const [doomedDb, keptDb] = [await dbOf(doomed), await dbOf(kept)];
    for (const s of [doomed, kept]) {
      const a = uid("a");
      await deliver([{ v: 1, events: [collectedEvent({ site: s.id, anonymous_id: a }), collectedEvent({ site: s.id, anonymous_id: a, type: "identify", traits: { email: `x@${s.id}.io` } }), collectedEvent({ site: s.id, anonymous_id: a, type: "track", name: "purchase", props: { value: 5 } })] }]);
      await api("/api/v1/webhooks", { method: "POST", body: JSON.stringify({ site: s.id, url: "http://127.0.0.1:9/hook", events: ["profile.identified"] }) });
    }
    const tables = ["profiles", "events", "touches", "conversions", "identities", "stats", "webhook_outbox", "webhook_subscriptions"];
    for (const t of tables) expect(await count(doomedDb, `SELECT COUNT(*) AS n FROM ${t} WHERE site = ?1`, doomed.id), t).toBeGreaterThan(0);
    const before = Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(keptDb, `SELECT COUNT(*) AS n FROM ${t} WHERE site = ?1`, kept.id)])));

    expect((await api(`/api/v1/sites/${doomed.id}`, { method: "DELETE", token: doomed.read_key })).status).toBe(403);
    expect((await api(`/api/v1/sites/${doomed.id}`, { method: "DELETE" })).status).toBe(204);
    for (const t of tables) expect(await count(doomedDb, `SELECT COUNT(*) AS n FROM ${t} WHERE site = ?1`, doomed.id), t).toBe(0);
    expect(await count(doomedDb, "SELECT COUNT(*) AS n FROM sites WHERE id = ?1", doomed.id)).toBe(0);
    // The control database's counters of the site (ingest's) and its directory entry go too.
    expect(await count(env.DB, "SELECT COUNT(*) AS n FROM stats WHERE site = ?1", doomed.id)).toBe(0);
    expect(await count(env.DB, "SELECT COUNT(*) AS n FROM site_shards WHERE site = ?1", doomed.id)).toBe(0);
    for (const t of tables) expect(await count(keptDb, `SELECT COUNT(*) AS n FROM ${t} WHERE site = ?1`, kept.id), t).toBe(before[t]);
    expect((await api(`/api/v1/sites/${doomed.id}`)).status).toBe(404);
    expect((await collect(pageview(doomed.id))).status).toBe(404);
    expect((await api(`/api/v1/sites/${doomed.id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("drops, and counts, events of a deleted site still in the queue", async () => {
    const site = await createSite();
    const shard = await dbOf(site); // (the directory forgets the site with it)
    await api(`/api/v1/sites/${site.id}`, { method: "DELETE" });
    const result = await deliver([{ v: 1, events: [collectedEvent({ site: site.id, anonymous_id: uid("late") })] }]);
    expect(result.explicitAcks.length).toBe(1);
    // Neither the shard the site was in nor the queue's own (DB, where a message of an unknown site goes) made a profile.
    for (const db of [shard, env.DB]) expect(await count(db, "SELECT COUNT(*) AS n FROM profiles WHERE site = ?1", site.id)).toBe(0);
  });
});

describe("beacons a site refuses", () => {
  it("are accepted from localhost and 127.0.0.1 pages in local development, whatever the site's domains", async () => {
    const site = await createSite({ domains: ["acme.com"] });
    for (const origin of ["http://localhost:5173", "http://127.0.0.1:8080"]) {
      expect((await collect(pageview(site.id, `${origin}/`), { origin })).status).toBe(202);
    }
  });

  it("are counted under dropped by reason, with the refused origin, and the last event's time is known", async () => {
    const site = await createSite({ domains: ["acme.com"] });
    expect((await api(`/api/v1/stats?site=${site.id}`)).body).toMatchObject({ last_event_at: null, dropped: { origin_not_allowed: 0, invalid: 0, rate_limited: 0, bot: 0 } });
    const evil = { origin: "https://shop.other.example" };
    expect((await collect(pageview(site.id), evil)).status).toBe(403);
    expect((await collect(pageview(site.id), evil)).status).toBe(403);
    expect((await collect({ s: site.id, a: "a1", e: [{ k: "nope" }] }, { origin: "https://acme.com" })).status).toBe(400);
    expect((await collect(pageview(site.id), { origin: "https://acme.com" })).status).toBe(202);
    const stats = await eventually(async () => {
      const s = (await api(`/api/v1/stats?site=${site.id}`)).body;
      // Drop counts are flushed apart from stored events: wait for each of them.
      return s.events_stored === 1 && s.dropped.origin_not_allowed === 2 && s.dropped.invalid >= 1 ? s : null;
    });
    expect(stats.dropped.invalid).toBe(1);
    expect(stats.refused_origins).toEqual([{ origin: "https://shop.other.example", events: 2, last_day: new Date().toISOString().slice(0, 10) }]);
    expect(Date.parse(stats.last_event_at)).toBeGreaterThan(Date.now() - 60_000);
  });
});
