// The raw-event archive in local R2: what the consumer writes before its commit, how a failure on either side is
// retried without loss or duplicates, rescoring past retention, and erasure of a person's archived lines.
import { describe, expect, it } from "vitest";
import type { ArchivedEvent, EventsMessage } from "../../schema/event";
import { DEFAULT_SCORING } from "../../worker/core/scoring";
import { decodeArchive } from "../../worker/core/archive/ndjson";
import type { Env } from "../../worker/env";
import { hourly } from "../../worker/jobs/hourly";
import { purgeExpiredEvents } from "../../worker/store/erasure";
import { api, collectedEvent, consumeWith, createSite, dbOf, deliver, env, eventually, profileOf, shardOf, uid } from "./support";

const DAY = 86_400_000;

/** Every archived line of a site, object by object. */
async function archiveOf(site: string): Promise<{ key: string; lines: ArchivedEvent[] }[]> {
  const listed = await env.ARCHIVE.list({ prefix: `events/${site}/` });
  return Promise.all(listed.objects.map(async (o) => ({ key: o.key, lines: decodeArchive(await (await env.ARCHIVE.get(o.key))!.text()).lines })));
}

const linesOf = async (site: string) => (await archiveOf(site)).flatMap((o) => o.lines);

/** The real bindings, except that the named ones fail when `fails` says so. The failing D1 is the site's shard's (the
 *  consumer works in that shard's bindings). */
async function faulty(site: string, o: { archive?: (key: string, body: string) => boolean; db?: (statements: D1PreparedStatement[]) => boolean; appliedThenFails?: boolean }): Promise<Env> {
  const archive = new Proxy(env.ARCHIVE, {
    get(target, prop) {
      if (prop === "put" && o.archive) {
        return async (key: string, body: string, options?: R2PutOptions) => {
          if (o.archive!(key, body)) throw new Error("R2: simulated outage");
          return target.put(key, body, options);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  const shard = await shardOf(site);
  const db = new Proxy(await dbOf(site), {
    get(target, prop) {
      if (prop === "batch" && o.db) {
        return async (statements: D1PreparedStatement[]) => {
          if (!o.db!(statements)) return target.batch(statements);
          if (o.appliedThenFails) await target.batch(statements); // the transaction went through, the answer did not
          throw new Error("D1_ERROR: simulated storage failure");
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { ...env, ARCHIVE: archive, [shard]: db };
}


async function storedEvents(site: string) {
  return (await (await dbOf(site)).prepare("SELECT id, profile_id, session_id, type, name, at, received_at, url, data FROM events WHERE site = ?1 ORDER BY id").bind(site).all<Record<string, any>>()).results;
}

const commitWrites = (statements: D1PreparedStatement[]) => statements.length > 3;

describe("the archive written by the EVENTS consumer", () => {
  it("holds every stored event, per site and day received, read back equal to what D1 stored", async () => {
    const { id: site } = await createSite();
    const [a, b] = [uid("anon"), uid("anon")];
    const yesterday = Date.now() - DAY;
    const events = [
      collectedEvent({ site, anonymous_id: a, at: yesterday, received_at: yesterday, url: "https://example.com/pricing", title: "Pricing" }),
      collectedEvent({ site, anonymous_id: a, type: "track", name: "purchase", props: { value: 42, plan: "pro" }, url: null }),
      collectedEvent({ site, anonymous_id: b, type: "identify", traits: { email: "ana@firm.io", name: "Ana" }, geo: { country: "ES", region: null, city: "Madrid" } }),
    ];
    expect((await deliver([{ v: 1, events }])).explicitAcks.length).toBe(1);

    const objects = await archiveOf(site);
    const days = objects.map((o) => o.key.split("/")[2]).sort();
    expect(days).toEqual([new Date(yesterday).toISOString().slice(0, 10), new Date().toISOString().slice(0, 10)]);
    expect(objects.every((o) => /^events\/[^/]+\/\d{4}-\d{2}-\d{2}\/[0-9a-f]{32}\.ndjson$/.test(o.key))).toBe(true);
    const lines = new Map((await linesOf(site)).map((l) => [l.id, l]));
    const stored = await storedEvents(site);
    expect([...lines.keys()].sort()).toEqual(stored.map((e) => e.id));
    for (const row of stored) {
      const line = lines.get(row.id)!;
      const sent = events.find((e) => e.id === row.id)!;
      expect(line).toEqual({ ...sent, profile_id: row.profile_id, session_id: row.session_id });
      const data = JSON.parse(row.data);
      expect({ type: line.type, name: line.name, at: line.at, received_at: line.received_at, url: line.url, props: line.props, traits: line.traits, geo: line.geo })
        .toEqual({ type: row.type, name: row.name, at: row.at, received_at: row.received_at, url: row.url, props: data.props, traits: data.traits, geo: data.geo });
    }
    const index = (await (await dbOf(site)).prepare("SELECT profile_id, key FROM archive_objects WHERE site = ?1").bind(site).all<{ profile_id: string; key: string }>()).results;
    for (const o of objects) {
      const owners = [...new Set(o.lines.map((l) => l.profile_id))].sort();
      expect(index.filter((r) => r.key === o.key).map((r) => r.profile_id).sort()).toEqual(owners);
    }
  });

  it("writes a redelivered batch once: no duplicate line, even after a commit failed behind a written object", async () => {
    const { id: site } = await createSite();
    const a = uid("anon");
    const message: EventsMessage = { v: 1, events: [collectedEvent({ site, anonymous_id: a }), collectedEvent({ site, anonymous_id: a, type: "identify", traits: { email: "bo@corp.io" } })] };
    // The archive is written, then D1 fails: the message is retried and the next attempt rewrites the same object.
    const failed = await consumeWith([message], await faulty(site, { db: commitWrites }));
    expect(failed.retryMessages.length).toBe(1);
    expect(await storedEvents(site)).toEqual([]);
    expect((await consumeWith([message], env)).explicitAcks.length).toBe(1);
    expect((await consumeWith([message], env)).explicitAcks.length).toBe(1); // a plain redelivery
    await deliver([message]);

    const lines = await linesOf(site);
    expect(lines.map((l) => l.id).sort()).toEqual(message.events.map((e) => e.id).sort());
    const stored = await storedEvents(site);
    expect(lines.map((l) => l.profile_id)).toEqual(stored.map(() => stored[0]!.profile_id));
  });

  it("keeps the objects of a commit D1 applied but answered with an error: the redelivery finds the events stored", async () => {
    const { id: site } = await createSite();
    const message: EventsMessage = { v: 1, events: [collectedEvent({ site, anonymous_id: uid("anon"), url: "https://example.com/pricing" })] };
    let failures = 0;
    const failed = await consumeWith([message], await faulty(site, { db: (statements) => commitWrites(statements) && failures++ === 0, appliedThenFails: true }));
    // The batch attempt failed after applying; the message alone then finds its event stored and is acked.
    expect(failed.explicitAcks.length + failed.retryMessages.length).toBe(1);
    expect((await consumeWith([message], env)).explicitAcks.length).toBe(1);
    const stored = await storedEvents(site);
    expect(stored.map((e) => e.id)).toEqual([message.events[0]!.id]);
    expect((await linesOf(site)).map((l) => l.id)).toEqual(stored.map((e) => e.id));
  });

  it("retries the messages whose archive write fails, stores nothing of them meanwhile, and loses nothing", async () => {
    const { id: site } = await createSite();
    const [a, b] = [uid("anon"), uid("anon")];
    const unlucky = collectedEvent({ site, anonymous_id: b, type: "identify", traits: { email: "cy@corp.io" } });
    const messages: EventsMessage[] = [{ v: 1, events: [collectedEvent({ site, anonymous_id: a })] }, { v: 1, events: [unlucky] }];

    const outage = await consumeWith(messages, await faulty(site, { archive: () => true }));
    expect(outage.explicitAcks).toEqual([]);
    expect(outage.retryMessages.length).toBe(2);
    expect(await storedEvents(site)).toEqual([]);

    // R2 refuses only the object holding one message's event: that message waits for R2 (no dead letter), its
    // batch-mate is stored.
    const partial = await consumeWith(messages, await faulty(site, { archive: (_key, body) => body.includes(unlucky.id) }));
    expect(partial.explicitAcks.length).toBe(1);
    expect(partial.retryMessages.length).toBe(1);
    expect(await env.DB.prepare("SELECT COUNT(*) AS n FROM dead_letters WHERE site = ?1").bind(site).first("n")).toBe(0);

    expect((await consumeWith(messages, env)).explicitAcks.length).toBe(2);
    const stored = await storedEvents(site);
    expect(stored.map((e) => e.id).sort()).toEqual(messages.flatMap((m) => m.events.map((e) => e.id)).sort());
    expect((await linesOf(site)).map((l) => l.id).sort()).toEqual(stored.map((e) => e.id));
    expect(await profileOf(site, b)).toMatchObject({ email: "cy@corp.io", stage: "lead" });
  });
});

describe("rescoring past retention", () => {
  /** Old visits on two devices that merge when the person identifies on both (verified), then one visit today. */
  function history(site: string, old: number, today: number) {
    const [a, b] = [uid("anon"), uid("anon")];
    const at = (i: number) => ({ at: old + i * 60_000, received_at: old + i * 60_000 });
    return {
      a,
      batches: [
        [
          collectedEvent({ site, anonymous_id: a, url: "https://example.com/pricing", ...at(0) }),
          collectedEvent({ site, anonymous_id: a, url: "https://example.com/pricing", ...at(1) }),
          collectedEvent({ site, anonymous_id: b, url: "https://example.com/compare/us-vs-them", ...at(2) }),
          collectedEvent({ site, anonymous_id: b, type: "identify", traits: { email: "dee@bigco.com" }, trust: "verified", url: null, ...at(3) }),
        ],
        [collectedEvent({ site, anonymous_id: a, type: "identify", traits: { email: "dee@bigco.com" }, trust: "verified", url: null, ...at(4) })],
        [collectedEvent({ site, anonymous_id: a, url: "https://example.com/case-studies", at: today, received_at: today })],
      ],
    };
  }

  for (const raised of [false, true]) it(`replays the events D1 purged from the archive, through merges: the score equals what the original events give${raised ? " (retention raised after the purge)" : ""}`, async () => {
    const old = Date.now() - 30 * DAY;
    const short = (await api("/api/v1/sites", { method: "POST", body: JSON.stringify({ id: uid("short"), name: "Short retention", domains: ["example.com"], settings: { retention_days: 7 } }) })).body.id as string;
    const { id: control } = await createSite();
    // One clock for both sites: the score state keeps times, so the two histories must be the same to the millisecond.
    const today = Date.now();
    const people = [history(short, old, today), history(control, old, today)];
    for (const p of people) for (const events of p.batches) await deliver([{ v: 1, events }]);
    const purged = await profileOf(short, people[0]!.a);
    expect(await (await dbOf(short)).prepare("SELECT COUNT(*) AS n FROM merges WHERE into_id = ?1").bind(purged.id).first("n")).toBe(1);

    // The hourly cron's purge, without its work on every other test site: in each of the two sites' shards.
    for (const db of new Set([await dbOf(short), await dbOf(control)])) await purgeExpiredEvents(db, Date.now());
    expect(await (await dbOf(short)).prepare("SELECT COUNT(*) AS n FROM events WHERE site = ?1").bind(short).first("n")).toBe(1);
    expect(await (await dbOf(control)).prepare("SELECT COUNT(*) AS n FROM events WHERE site = ?1").bind(control).first("n")).toBe(6);
    // The purge left the archive whole: every event of the short-retention site is still there, once.
    expect((await linesOf(short)).map((l) => l.id).sort()).toEqual(people[0]!.batches.flat().map((e) => e.id).sort());

    // Raising the retention afterwards brings nothing back to D1: the archive must still be read for those days.
    if (raised) expect((await api(`/api/v1/sites/${short}`, { method: "PATCH", body: JSON.stringify({ settings: { retention_days: 365 } }) })).status).toBe(200);

    const config = structuredClone(DEFAULT_SCORING);
    Object.assign(config.behavior.rules.find((r) => r.id === "visited_pricing")!, { points: 40, max_per_day: 80, max_lifetime: 200 });
    for (const site of [short, control]) expect((await api(`/api/v1/sites/${site}/scoring`, { method: "PUT", body: JSON.stringify(config) })).status).toBe(200);
    const rescored = await Promise.all(people.map((p, i) => eventually(async () => {
      const profile = await profileOf([short, control][i]!, p.a);
      return profile.score_breakdown.find((b: any) => b.rule === "visited_pricing")?.awarded === 80 ? profile : null;
    })));
    const ledger = async (site: string, id: string) => (await (await dbOf(site)).prepare("SELECT doc->'$.score_state' AS s FROM profiles WHERE id = ?1").bind(id).first<{ s: string }>())!.s;
    expect(await ledger(short, rescored[0].id)).toEqual(await ledger(control, rescored[1].id));
    expect(rescored[0].score_breakdown.map((b: any) => b.rule).sort()).toEqual(rescored[1].score_breakdown.map((b: any) => b.rule).sort());
    expect(rescored[0].score_breakdown.map((b: any) => b.rule)).toContain("compared_alternatives"); // the merged-away device's

    // The export shows the person's archived events too.
    const exported = await api(`/api/v1/profiles/${rescored[0].id}/export`);
    expect(exported.body.events.map((e: { id: string }) => e.id).sort()).toEqual(people[0]!.batches.flat().map((e) => e.id).sort());
  });
});

describe("erasure in the archive", () => {
  it("removes the person's lines from every object, keeps other people's, and sweeps lines a late batch wrote", async () => {
    const { id: site } = await createSite();
    const [gone, stays] = [uid("anon"), uid("anon")];
    await deliver([{ v: 1, events: [
      collectedEvent({ site, anonymous_id: gone, type: "identify", traits: { email: "erase.me@corp.io" } }),
      collectedEvent({ site, anonymous_id: stays, url: "https://example.com/pricing" }),
    ] }]);
    await deliver([{ v: 1, events: [collectedEvent({ site, anonymous_id: gone, url: "https://example.com/private" })] }]);
    const person = await profileOf(site, gone);
    const other = await profileOf(site, stays);
    expect((await linesOf(site)).filter((l) => l.profile_id === person.id)).toHaveLength(2);
    expect(await archiveOf(site)).toHaveLength(2);

    expect((await api(`/api/v1/profiles/${person.id}`, { method: "DELETE" })).status).toBe(204);
    const after = await archiveOf(site);
    expect(after).toHaveLength(1); // the object that held only the person is gone
    expect(after[0]!.lines.map((l) => l.profile_id)).toEqual([other.id]);
    expect(JSON.stringify(after)).not.toContain("erase.me@corp.io");
    expect(await (await dbOf(site)).prepare("SELECT COUNT(*) AS n FROM archive_objects WHERE profile_id = ?1").bind(person.id).first("n")).toBe(0);

    // A batch planned before the erasure committed after it: D1 skips its rows, the archive and its index hold it.
    const late = { ...collectedEvent({ site, anonymous_id: gone }), profile_id: person.id, session_id: null };
    const key = `events/${site}/${new Date().toISOString().slice(0, 10)}/${"0".repeat(32)}.ndjson`;
    await env.ARCHIVE.put(key, `${JSON.stringify(late)}\n`);
    await (await dbOf(site)).prepare("INSERT INTO archive_objects (site, profile_id, key, day) VALUES (?1, ?2, ?3, ?4)").bind(site, person.id, key, key.split("/")[2]).run();
    const { archiveLinesErased } = await hourly(env, Date.now());
    expect(archiveLinesErased).toBeGreaterThanOrEqual(1);
    expect(await env.ARCHIVE.get(key)).toBeNull();
    expect((await linesOf(site)).map((l) => l.profile_id)).toEqual([other.id]);
  });
});

describe("a deleted site", () => {
  it("takes its archive with it, and leaves other sites' objects alone", async () => {
    const [{ id: doomed }, { id: kept }] = [await createSite(), await createSite()];
    for (const site of [doomed, kept]) await deliver([{ v: 1, events: [collectedEvent({ site, anonymous_id: uid("anon") })] }]);
    expect(await archiveOf(doomed)).toHaveLength(1);
    const shard = await dbOf(doomed); // (the directory forgets the site with it)
    expect((await api(`/api/v1/sites/${doomed}`, { method: "DELETE" })).status).toBe(204);
    await eventually(async () => (await archiveOf(doomed)).length === 0);
    expect(await shard.prepare("SELECT COUNT(*) AS n FROM archive_objects WHERE site = ?1").bind(doomed).first("n")).toBe(0);
    expect(await archiveOf(kept)).toHaveLength(1);
  });
});
