// Shards (worker/shards.ts): each site lives whole in one D1 database; the control database DB holds the directory.
// These tests place sites on purpose, one per shard, and check that a site's load, erasure and deletion stay in its
// own shard.
import { describe, expect, it } from "vitest";
import { api, collect, collectedEvent, createSite, deliver, env, eventually, profileOf, uid, wirePageview } from "./support";

/** Tables of one database that have a `site` column. */
async function siteTables(db: D1Database): Promise<string[]> {
  const { results } = await db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name").all<{ name: string; sql: string }>();
  return results.filter((r) => /[(,]\s*site\s+TEXT/i.test(r.sql)).map((r) => r.name);
}

/** Rows of a site per table of a database (tables where it has none are left out). */
async function rowsOf(db: D1Database, site: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await siteTables(db)) {
    const row = await db.prepare(`SELECT COUNT(*) AS n FROM ${t} WHERE site = ?1`).bind(site).first<{ n: number }>();
    if (row!.n > 0) out[t] = row!.n;
  }
  const own = await db.prepare("SELECT COUNT(*) AS n FROM sites WHERE id = ?1").bind(site).first<{ n: number }>();
  if (own!.n > 0) out.sites = own!.n;
  return out;
}

/** Everything a database keeps about a site, row by row, for before/after comparisons. */
async function snapshot(db: D1Database, site: string): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
  for (const t of await siteTables(db)) out[t] = sorted((await db.prepare(`SELECT * FROM ${t} WHERE site = ?1`).bind(site).all()).results);
  out.sites = (await db.prepare("SELECT * FROM sites WHERE id = ?1").bind(site).all()).results;
  return out;
}

/** One visitor's page views and a form submission that makes them a known lead. */
async function visit(site: { id: string }, anon: string) {
  const res = await collect({
    s: site.id,
    a: anon,
    e: [
      wirePageview({ u: "https://example.com/pricing?utm_source=news&utm_medium=email&utm_campaign=spring" }),
      wirePageview({ k: "form", n: "demo", u: "https://example.com/demo", tr: { email: `${anon}@acme-corp.com`, name: "Ada" } }),
    ],
  });
  expect(res.status).toBe(202);
  return eventually(async () => {
    const p = await profileOf(site.id, anon);
    return p?.counts?.events === 2 ? p : null;
  });
}

describe("shards", () => {
  it("keeps each site's rows in its own shard, and the directory in the control database", async () => {
    const a = await createSite({ shard: "DB" });
    const b = await createSite({ shard: "DB_2" });
    const [pa, pb] = await Promise.all([visit(a, uid("anon")), visit(b, uid("anon"))]);
    expect(pa.email).toMatch(/@acme-corp\.com$/);
    expect(pb.email).toMatch(/@acme-corp\.com$/);

    const inFirst = await rowsOf(env.DB, b.id);
    const inSecond = await rowsOf(env.DB_2!, a.id);
    // The control database knows where b is (and counts the requests it answered for b); nothing else of b is there.
    expect(Object.keys(inFirst).filter((t) => t !== "stats")).toEqual(["site_shards"]);
    expect(inSecond).toEqual({});
    const own = await rowsOf(env.DB_2!, b.id);
    expect(own).toMatchObject({ sites: 1, profiles: 1, events: 2, touches: 1 });
    const ownA = await rowsOf(env.DB, a.id);
    expect(ownA).toMatchObject({ sites: 1, profiles: 1, events: 2, touches: 1, site_shards: 1 });

    // Read through the API from either shard: by id, in lists, with the site's own read key.
    expect((await api(`/api/v1/profiles/${pb.id}`)).body.id).toBe(pb.id);
    const listed = (await api("/api/v1/sites")).body.data.map((s: { id: string; shard: string }) => [s.id, s.shard]);
    expect(listed).toEqual(expect.arrayContaining([[a.id, "DB"], [b.id, "DB_2"]]));
    expect((await api(`/api/v1/sites/${b.id}`, { token: b.read_key })).status).toBe(200);
    expect((await api(`/api/v1/sites/${a.id}`, { token: b.read_key })).status).toBe(403);
    expect((await api(`/api/v1/profiles/${pa.id}`, { token: b.read_key })).status).toBe(404);
  });

  it("stores a batch naming sites on both shards each in its own, whatever queue carried it", async () => {
    const a = await createSite({ shard: "DB" });
    const b = await createSite({ shard: "DB_2" });
    const [ea, eb] = [collectedEvent({ site: a.id, anonymous_id: uid("anon") }), collectedEvent({ site: b.id, anonymous_id: uid("anon") })];
    // deliver() hands the batch to the first shard's queue (pista-events): each message still goes to its site's shard
    const result = await deliver([{ v: 1, events: [ea] }, { v: 1, events: [eb] }]);
    expect(result.explicitAcks.length).toBe(2);
    const stored = async (db: D1Database, id: string) => (await db.prepare("SELECT COUNT(*) AS n FROM events WHERE id = ?1").bind(id).first<{ n: number }>())!.n;
    expect([await stored(env.DB, ea.id), await stored(env.DB_2!, ea.id)]).toEqual([1, 0]);
    expect([await stored(env.DB, eb.id), await stored(env.DB_2!, eb.id)]).toEqual([0, 1]);
  });

  it("erasing a person and deleting a site on one shard leave the other shard's site exactly as it was", async () => {
    const a = await createSite({ shard: "DB" });
    const b = await createSite({ shard: "DB_2" });
    await visit(a, uid("anon"));
    const pb = await visit(b, uid("anon"));
    // the request counters are written after the response: wait for them, so that the snapshot is a's final state
    await eventually(async () => (await api(`/api/v1/stats?site=${a.id}`)).body.events_accepted === 2);
    const before = await snapshot(env.DB, a.id);
    expect(before.profiles).toHaveLength(1);

    expect((await api(`/api/v1/profiles/${pb.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await rowsOf(env.DB_2!, b.id)).profiles).toBeUndefined();
    expect(await snapshot(env.DB, a.id)).toEqual(before);

    // a message about b that cannot be read: its dead letter, body and all, is kept in the control database
    await deliver([{ v: 1, events: [{ site: b.id, unreadable: true }] } as never]);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM dead_letters WHERE site = ?1").bind(b.id).first<{ n: number }>())!.n).toBe(1);

    expect((await api(`/api/v1/sites/${b.id}`, { method: "DELETE" })).status).toBe(204);
    expect(await rowsOf(env.DB_2!, b.id)).toEqual({});
    expect(await rowsOf(env.DB, b.id)).toEqual({});
    expect((await api(`/api/v1/sites/${b.id}`)).status).toBe(404);
    expect(await snapshot(env.DB, a.id)).toEqual(before);
    // the id is free again, on either shard
    expect((await createSite({ id: b.id, shard: "DB" })).id).toBe(b.id);
  });

  it("keeps site ids unique over every shard and refuses a shard the Worker does not bind", async () => {
    const a = await createSite({ shard: "DB" });
    const again = await api("/api/v1/sites", { method: "POST", body: JSON.stringify({ id: a.id, name: "Twin", domains: ["example.com"], shard: "DB_2" }) });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("site_exists");
    expect(await rowsOf(env.DB_2!, a.id)).toEqual({});

    const unbound = await api("/api/v1/sites", { method: "POST", body: JSON.stringify({ id: uid("site"), name: "Nowhere", domains: ["example.com"], shard: "DB_9" }) });
    expect(unbound.status).toBe(400);
    expect(unbound.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["shard"]);
    const malformed = await api("/api/v1/sites", { method: "POST", body: JSON.stringify({ id: uid("site"), name: "Nowhere", domains: ["example.com"], shard: "sqlite_master" }) });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.issues.map((i: { path: string }) => i.path)).toEqual(["shard"]);
  });

  it("stores a site's events in the shard it is on now, after it was deleted and made again on another", async () => {
    const first = await createSite({ shard: "DB" });
    await visit(first, uid("anon"));
    expect((await api(`/api/v1/sites/${first.id}`, { method: "DELETE" })).status).toBe(204);
    await createSite({ id: first.id, shard: "DB_2" });
    const e = collectedEvent({ site: first.id, anonymous_id: uid("anon") });
    expect((await deliver([{ v: 1, events: [e] }])).explicitAcks.length).toBe(1);
    const stored = async (db: D1Database) => (await db.prepare("SELECT COUNT(*) AS n FROM events WHERE site = ?1 AND id = ?2").bind(first.id, e.id).first<{ n: number }>())!.n;
    expect([await stored(env.DB), await stored(env.DB_2!)]).toEqual([0, 1]);
  });

  it("gives an id back when its row cannot be written, and finishes a deletion its shard already did", async () => {
    // A shard that holds a row the directory does not know (as after a failure): the claim is taken back.
    const id = uid("site");
    await env.DB_2!.prepare("INSERT INTO sites (id, name, domains, write_key, read_key, settings, created_at, shard) VALUES (?1, 'Stray', '[]', ?2, ?3, '{}', 0, 'DB_2')")
      .bind(id, `wk-${id}`, `rk-${id}`).run();
    const refused = await api("/api/v1/sites", { method: "POST", body: JSON.stringify({ id, name: "Again", domains: ["example.com"], shard: "DB_2" }) });
    expect(refused.status).toBe(409);
    expect(await rowsOf(env.DB, id)).toEqual({});
    expect((await createSite({ id, shard: "DB" })).id).toBe(id);

    // A deletion that stopped after the shard forgot the site: deleting again frees the id.
    const half = await createSite({ shard: "DB_2" });
    await env.DB_2!.prepare("DELETE FROM sites WHERE id = ?1").bind(half.id).run();
    expect((await api(`/api/v1/sites/${half.id}`, { method: "DELETE" })).status).toBe(204);
    expect(await rowsOf(env.DB, half.id)).toEqual({});
    expect((await api(`/api/v1/sites/${half.id}`, { method: "DELETE" })).status).toBe(404);
  });

  it("finds a site made in DB without a directory row (by a version before shards) and enters it", async () => {
    const id = uid("site");
    await env.DB.prepare("INSERT INTO sites (id, name, domains, write_key, read_key, settings, created_at) VALUES (?1, 'Older', '[\"example.com\"]', ?2, ?3, '{}', 0)")
      .bind(id, `wk-${id}`, `rk-${id}`).run();
    const found = await api(`/api/v1/sites/${id}`);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ id, shard: "DB" });
    expect((await env.DB.prepare("SELECT shard FROM site_shards WHERE site = ?1").bind(id).first<{ shard: string }>())?.shard).toBe("DB");
    const a = uid("anon");
    expect((await collect({ s: id, a, e: [wirePageview()] })).status).toBe(202);
    await eventually(() => profileOf(id, a));
  });

  it("answers /healthz only when every shard answers", async () => {
    expect((await api("/healthz", { token: null })).status).toBe(200);
  });
});
