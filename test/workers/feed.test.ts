// The CRM feed (CONTRACT §9, docs/API.md): a consumer that pages to the end and then resumes from resume_cursor, round
// after round, while events, PATCHes, merges and erasures land between and during its pages. Every appearance must be
// explained by a write the test made since the profile was last read; every write must reach the consumer; every id
// that stopped existing arrives once as a tombstone; after a quiet round the consumer's copy equals the API's.
import { describe, expect, it } from "vitest";
import { hourly } from "../../worker/jobs/hourly";
import { seededRandom } from "../support/seeded-random";
import { api, collectedEvent, createSite, dbOf, deliver, env, profileOf, uid } from "./support";

type Item = Record<string, any>;
interface Span {
  start: number;
  end: number;
}

/** A logical clock: a call's span says what it may have seen (a read) or when it may have landed (a write). */
let tick = 0;
async function timed<T>(fn: () => Promise<T>): Promise<{ span: Span; value: T }> {
  const start = tick++;
  const value = await fn();
  return { span: { start, end: tick++ }, value };
}

/** What a profile looks like apart from the score, which is computed at the moment of each read. */
function versionOf(p: Item): Item {
  const { score: _score, score_breakdown: _breakdown, ...rest } = p;
  return rest;
}

/** One site and the writes the test makes to it, with their spans. */
class World {
  readonly writes = new Map<string, Span[]>();
  /** ids that stopped existing: the write that did it, and the survivor for a merge */
  readonly gone = new Map<string, { span: Span; merged_into: string | null }>();
  readonly anonOf = new Map<string, string>();
  readonly emailOf = new Map<string, string>();
  readonly live = new Set<string>();
  private n = 0;

  constructor(readonly site: string, readonly random: () => number) {}

  private record(id: string, span: Span) {
    this.writes.set(id, [...(this.writes.get(id) ?? []), span]);
  }

  private async anonymousProfile(anon: string): Promise<string> {
    const row = await (await dbOf(this.site)).prepare("SELECT profile_id FROM identities WHERE site = ?1 AND kind = 'anonymous' AND value = ?2").bind(this.site, anon).first<{ profile_id: string }>();
    return row!.profile_id;
  }

  pick(from: Iterable<string>, except: Set<string> = new Set()): string | undefined {
    const pool = [...from].filter((id) => !except.has(id)).sort();
    return pool.length ? pool[Math.floor(this.random() * pool.length)] : undefined;
  }

  anonymous(): string[] {
    return [...this.live].filter((id) => !this.emailOf.has(id));
  }

  identified(): string[] {
    return [...this.live].filter((id) => this.emailOf.has(id));
  }

  async newVisitor(): Promise<string> {
    const anon = uid("anon");
    const { span } = await timed(() => deliver([{ v: 1, events: [collectedEvent({ site: this.site, anonymous_id: anon, url: `https://example.com/p/${this.n++}` })] }]));
    const id = await this.anonymousProfile(anon);
    this.record(id, span);
    this.live.add(id);
    this.anonOf.set(id, anon);
    return id;
  }

  async visit(id: string): Promise<void> {
    const event = collectedEvent({ site: this.site, anonymous_id: this.anonOf.get(id)!, url: `https://example.com/pricing?v=${this.n++}` });
    this.record(id, (await timed(() => deliver([{ v: 1, events: [event] }]))).span);
  }

  async identify(id: string): Promise<void> {
    const email = `${uid("lead")}@acme-corp.com`;
    const event = collectedEvent({ site: this.site, anonymous_id: this.anonOf.get(id)!, type: "identify", traits: { email, name: `Lead ${this.n++}` } });
    this.record(id, (await timed(() => deliver([{ v: 1, events: [event] }]))).span);
    this.emailOf.set(id, email);
  }

  async patch(id: string): Promise<void> {
    const verdicts = ["junk", "not_a_fit", "won", "lost"] as const;
    const body = { disposition: verdicts[this.n % 4], deal: { amount: 100 + this.n++, currency: "EUR" }, contacted: true };
    const { span, value } = await timed(() => api(`/api/v1/profiles/${id}`, { method: "PATCH", body: JSON.stringify(body) }));
    expect(value.status).toBe(200);
    this.record(id, span);
  }

  async erase(id: string): Promise<void> {
    this.live.delete(id);
    const { span, value } = await timed(() => api(`/api/v1/profiles/${id}`, { method: "DELETE" }));
    expect(value.status).toBe(204);
    this.gone.set(id, { span, merged_into: null });
  }

  /** An anonymous device identifies, verified, with an identified profile's e-mail: it merges into that profile. */
  async merge(anonymous: string, into: string): Promise<void> {
    this.live.delete(anonymous);
    const event = collectedEvent({ site: this.site, anonymous_id: this.anonOf.get(anonymous)!, type: "identify", traits: { email: this.emailOf.get(into)! }, trust: "verified" });
    const { span } = await timed(() => deliver([{ v: 1, events: [event] }]));
    this.record(into, span);
    this.gone.set(anonymous, { span, merged_into: into });
  }
}

/** The CRM side: pages with limit `limit`, keeps a copy of every profile, checks every item as it arrives. */
class Consumer {
  readonly copy = new Map<string, Item>();
  readonly tombstones = new Map<string, Item>();
  /** the span of the page that last carried each id */
  readonly lastRead = new Map<string, Span>();
  resume: string | undefined;

  constructor(readonly world: World, readonly since: string, readonly limit: number) {}

  url(cursor: string | undefined): string {
    const q = new URLSearchParams({ site: this.world.site, updated_since: this.since, include_deleted: "true", limit: String(this.limit) });
    if (cursor) q.set("cursor", cursor);
    return `/api/v1/profiles?${q}`;
  }

  take(item: Item, page: Span): void {
    const { world } = this;
    const previous = this.lastRead.get(item.id);
    expect(this.tombstones.has(item.id), `${item.id} came again after its tombstone`).toBe(false);
    if (item.deleted) {
      const gone = world.gone.get(item.id);
      expect(gone, `a tombstone for ${item.id}, which the test never erased or merged`).toBeDefined();
      expect(gone!.span.start).toBeLessThan(page.end);
      expect(item).toEqual({ id: item.id, deleted: true, deleted_at: expect.any(String), ...(gone!.merged_into ? { merged_into: gone!.merged_into } : {}) });
      this.tombstones.set(item.id, item);
      this.copy.delete(item.id);
    } else {
      // Nothing else: a profile comes (again) only when a write to it may have landed after its last read.
      const cause = (world.writes.get(item.id) ?? []).some((w) => w.start < page.end && (!previous || w.end > previous.start));
      expect(cause, `${item.id} came with no write since it was last read`).toBe(true);
      this.copy.set(item.id, versionOf(item));
    }
    this.lastRead.set(item.id, page);
  }

  /** Pages from the resume cursor to the end; `during(n)` are writes raced against page n, `after(n)` run once it is read. */
  async round(hooks: { during?: (n: number) => (() => Promise<unknown>)[]; after?: (n: number, ids: string[]) => Promise<void> } = {}) {
    let cursor = this.resume;
    const appearances: { id: string; span: Span }[] = [];
    const pages: Span[] = [];
    for (let n = 0; ; n++) {
      const racing = (hooks.during?.(n) ?? []).map((w) => w());
      const [page] = await Promise.all([timed(() => api(this.url(cursor))), ...racing]);
      const { status, body } = page.value;
      expect(status).toBe(200);
      expect(body.resume_cursor, "every feed page carries resume_cursor").toEqual(expect.any(String));
      expect(body.data.length).toBeLessThanOrEqual(this.limit);
      for (const item of body.data) {
        this.take(item, page.span);
        appearances.push({ id: item.id, span: page.span });
      }
      pages.push(page.span);
      if (body.next_cursor === null) {
        this.resume = body.resume_cursor;
        break;
      }
      expect(body.resume_cursor).toBe(body.next_cursor);
      cursor = body.next_cursor;
      await hooks.after?.(n, body.data.map((i: Item) => i.id));
    }
    return { appearances, first: pages[0]!, last: pages[pages.length - 1]! };
  }
}

/** The profiles of the site as the API shows them now. */
async function current(site: string): Promise<Map<string, Item>> {
  const res = await api(`/api/v1/profiles?site=${site}&sort=score&limit=500`);
  return new Map(res.body.data.map((p: Item) => [p.id, versionOf(p)]));
}

/** After a round whose last page began at `last`: what landed before it is in the copy, with its latest version. */
async function expectCaughtUp(world: World, consumer: Consumer, last: Span): Promise<Map<string, Item>> {
  const now = await current(world.site);
  const settled = (id: string) => !(world.writes.get(id) ?? []).some((w) => w.end > last.start) && !((world.gone.get(id)?.span.end ?? -1) > last.start);
  for (const [id, version] of now) if (settled(id)) expect(consumer.copy.get(id), `the copy of ${id}`).toEqual(version);
  for (const [id, gone] of world.gone) if (gone.span.end < last.start) expect(consumer.tombstones.has(id), `the tombstone of ${id}`).toBe(true);
  for (const id of consumer.copy.keys()) if (!now.has(id)) expect(world.gone.get(id)!.span.end).toBeGreaterThan(last.start);
  return now;
}

describe("the CRM feed with resume cursors and tombstones", () => {
  it("sees every change and every erasure exactly once per round, over rounds with writes between and during pages", async () => {
    const site = await createSite();
    const world = new World(site.id, seededRandom(7));
    const since = new Date(Date.now() - 60_000).toISOString();
    for (let i = 0; i < 16; i++) await world.newVisitor();
    for (const id of world.anonymous().slice(0, 8)) await world.identify(id);
    const consumer = new Consumer(world, since, 4);

    // The first round is the initial sync: every profile, once.
    const initial = await consumer.round();
    expect(initial.appearances.map((a) => a.id).sort()).toEqual([...world.live].sort());
    await expectCaughtUp(world, consumer, initial.last);

    let previous = initial;
    for (let r = 0; r < 4; r++) {
      // Between rounds: new visitors, visits, a lead identifying, the CRM's verdicts, a merge and an erasure.
      const between = tick;
      const touched = new Set<string>();
      const mark = (id: string | undefined) => (id ? (touched.add(id), id) : undefined);
      await world.newVisitor().then(mark);
      await world.newVisitor().then(mark);
      for (let k = 0; k < 3; k++) {
        const id = mark(world.pick(world.live, touched));
        if (id) await world.visit(id);
      }
      const identifying = mark(world.pick(world.anonymous(), touched));
      if (identifying) await world.identify(identifying);
      for (let k = 0; k < 2; k++) {
        const id = mark(world.pick(world.live, touched));
        if (id) await world.patch(id);
      }
      const [from, into] = [world.pick(world.anonymous(), touched), world.pick(world.identified(), touched)];
      if (from && into) {
        mark(from);
        mark(into);
        await world.merge(from, into);
      }
      const erased = mark(world.pick(world.live, touched));
      if (erased) await world.erase(erased);
      const quietFrom = tick;

      // During the round: a profile read on the first page changes (so it must come again, newer), another is erased;
      // writes race the second and third pages (never two at once on one profile).
      const busy = new Set<string>();
      let revisited: string | undefined;
      const round = await consumer.round({
        after: async (n, ids) => {
          if (n !== 0) return;
          const seen = ids.filter((id) => world.live.has(id) && !busy.has(id));
          if (seen[0]) {
            busy.add((revisited = seen[0]));
            await world.visit(seen[0]);
          }
          if (seen[1]) {
            busy.add(seen[1]);
            await world.erase(seen[1]);
          }
        },
        during: (n) => {
          if (n === 1) {
            const patched = world.pick(world.live, busy);
            if (patched) busy.add(patched);
            return [() => world.newVisitor().then((id) => busy.add(id)), ...(patched ? [() => world.patch(patched)] : [])];
          }
          if (n === 2) {
            const [erased, visited] = [world.pick(world.live, busy), world.pick(world.live, new Set([...busy]))];
            if (!erased || !visited || erased === visited) return [];
            busy.add(erased).add(visited);
            return [() => world.erase(erased), () => world.visit(visited)];
          }
          return [];
        },
      });
      // A profile that changed after this round read it comes again in the round, with its newer version.
      expect(revisited).toBeDefined();
      expect(round.appearances.filter((a) => a.id === revisited)).toHaveLength(2);
      // Exactly once: a profile written only between the rounds comes exactly once in this round.
      const written = (id: string) => (world.writes.get(id) ?? []).filter((w) => w.end > previous.last.start);
      let once = 0;
      for (const id of touched) {
        const ws = written(id);
        if (world.gone.has(id) || ws.length === 0 || ws.some((w) => w.start > quietFrom)) continue;
        expect(ws.every((w) => w.start >= between), `${id} was written between rounds only`).toBe(true);
        expect(round.appearances.filter((a) => a.id === id), `${id} in round ${r + 1}`).toHaveLength(1);
        once++;
      }
      expect(once).toBeGreaterThanOrEqual(3);
      await expectCaughtUp(world, consumer, round.last);
      previous = round;
    }

    // A quiet round after all that: the copy is exactly the site, every id that stopped existing came once as a tombstone.
    const quiet = await consumer.round();
    const now = await expectCaughtUp(world, consumer, quiet.last);
    expect([...consumer.copy.keys()].sort()).toEqual([...now.keys()].sort());
    expect(Object.fromEntries(consumer.copy)).toEqual(Object.fromEntries(now));
    expect([...consumer.tombstones.keys()].sort()).toEqual([...world.gone.keys()].sort());
    expect([...world.gone.values()].filter((g) => g.merged_into).length).toBeGreaterThan(0);
    expect([...world.gone.values()].filter((g) => !g.merged_into).length).toBeGreaterThan(4);
    // And then nothing: a round with no writes is empty and resumes where it was.
    const resumeBefore = consumer.resume;
    const empty = await consumer.round();
    expect(empty.appearances).toEqual([]);
    expect(consumer.resume).toBe(resumeBefore);
  }, 90_000);

  it("shows an erased id as {id, deleted, deleted_at} and a merged-away id with merged_into, only with include_deleted", async () => {
    const site = await createSite();
    const [a, b, c] = [uid("a"), uid("b"), uid("c")];
    await deliver([{ v: 1, events: [collectedEvent({ site: site.id, anonymous_id: a, type: "identify", traits: { email: `${a}@acme-corp.com` } }), collectedEvent({ site: site.id, anonymous_id: b }), collectedEvent({ site: site.id, anonymous_id: c })] }]);
    const [pa, pb, pc] = [await profileOf(site.id, a), await profileOf(site.id, b), await profileOf(site.id, c)];
    const start = await api(`/api/v1/profiles?site=${site.id}&include_deleted=true`);
    expect(start.body.data.map((p: Item) => p.id).sort()).toEqual([pa.id, pb.id, pc.id].sort());
    expect(start.body.next_cursor).toBeNull();

    await deliver([{ v: 1, events: [collectedEvent({ site: site.id, anonymous_id: b, type: "identify", traits: { email: `${a}@acme-corp.com` }, trust: "verified" })] }]);
    expect((await api(`/api/v1/profiles/${pc.id}`, { method: "DELETE" })).status).toBe(204);

    const since = `updated_since=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`;
    const resumed = await api(`/api/v1/profiles?site=${site.id}&${since}&include_deleted=true&cursor=${start.body.resume_cursor}`);
    expect(resumed.status).toBe(200);
    const byId = new Map(resumed.body.data.map((i: Item) => [i.id, i]));
    expect(byId.get(pb.id)).toEqual({ id: pb.id, deleted: true, deleted_at: expect.any(String), merged_into: pa.id });
    expect(byId.get(pc.id)).toEqual({ id: pc.id, deleted: true, deleted_at: expect.any(String) });
    expect(Date.parse((byId.get(pc.id) as Item).deleted_at)).toBeGreaterThan(Date.now() - 60_000);
    expect((byId.get(pa.id) as Item).anonymous_ids.sort()).toEqual([a, b].sort());
    expect(resumed.body.data).toHaveLength(3);
    // The merged-away id still reads as the survivor; the erased one is gone.
    expect((await api(`/api/v1/profiles/${pb.id}`)).body.id).toBe(pa.id);
    expect((await api(`/api/v1/profiles/${pc.id}`)).status).toBe(404);

    // Without include_deleted the same resume shows only the survivor; an updated_since after the erasure hides it.
    const plain = await api(`/api/v1/profiles?site=${site.id}&cursor=${start.body.resume_cursor}`);
    expect(plain.body.data.map((i: Item) => i.id)).toEqual([pa.id]);
    const later = await api(`/api/v1/profiles?site=${site.id}&include_deleted=true&updated_since=${new Date(Date.now() + 60_000).toISOString()}&cursor=${start.body.resume_cursor}`);
    expect(later.body.data).toEqual([]);
    expect(later.body.resume_cursor).toEqual(expect.any(String));
  });

  it("answers 400 for include_deleted with sort=score, a cursor from no feed and a cursor ahead of the site", async () => {
    const site = await createSite();
    const sorted = await api(`/api/v1/profiles?site=${site.id}&sort=score&include_deleted=true`);
    expect(sorted.status).toBe(400);
    expect(sorted.body.error.issues.map((i: Item) => i.path)).toContain("include_deleted");
    expect((await api(`/api/v1/profiles?site=${site.id}&include_deleted=maybe`)).status).toBe(400);
    expect((await api(`/api/v1/profiles?site=${site.id}&cursor=not-a-cursor`)).status).toBe(400);
    const ahead = btoa(JSON.stringify({ seq: 1_000_000 })).replace(/=+$/, "");
    const res = await api(`/api/v1/profiles?site=${site.id}&cursor=${ahead}`);
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe("cursor");
    const scored = await api(`/api/v1/profiles?site=${site.id}&sort=score`);
    expect(scored.body).not.toHaveProperty("resume_cursor");
  });

  it("counts cooling (a stage change) as a change, and score decay alone as none", async () => {
    const site = await createSite();
    const [cooling, decaying] = [uid("cool"), uid("decay")];
    const long = Date.now() - 200 * 86_400_000;
    await deliver([{ v: 1, events: [
      collectedEvent({ site: site.id, anonymous_id: cooling, at: long, url: "https://example.com/pricing" }),
      collectedEvent({ site: site.id, anonymous_id: cooling, at: long + 1000, url: "https://example.com/contact", type: "form", props: { form_ms: 20_000 }, traits: { email: `${cooling}@enterprise.com`, job_title: "VP Sales", timeline: "this quarter" } }),
      collectedEvent({ site: site.id, anonymous_id: decaying, at: long, url: "https://example.com/pricing" }),
    ] }]);
    expect((await profileOf(site.id, cooling)).stage).toBe("mql");
    const end = await api(`/api/v1/profiles?site=${site.id}&include_deleted=true`);
    await hourly(env, Date.now());
    const after = await api(`/api/v1/profiles?site=${site.id}&include_deleted=true&cursor=${end.body.resume_cursor}`);
    expect(after.body.data.map((p: Item) => [p.anonymous_ids[0], p.stage])).toEqual([[cooling, "lead"]]);
  });

  it("deletes a site's tombstones with the site", async () => {
    const site = await createSite();
    const a = uid("a");
    await deliver([{ v: 1, events: [collectedEvent({ site: site.id, anonymous_id: a })] }]);
    expect((await api(`/api/v1/profiles/${(await profileOf(site.id, a)).id}`, { method: "DELETE" })).status).toBe(204);
    const db = await dbOf(site);
    const count = () => db.prepare("SELECT COUNT(*) AS n FROM feed_tombstones WHERE site = ?1").bind(site.id).first<number>("n");
    expect(await count()).toBe(1);
    expect((await api(`/api/v1/sites/${site.id}`, { method: "DELETE" })).status).toBe(204);
    expect(await count()).toBe(0);
  });
});
