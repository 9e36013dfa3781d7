// Property-based fuzzing of the public surface: never a 5xx, always CONTRACT §4's error shape, valid events kept.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { api, collect, createSite, dbOf, eventually, shardOf, uid } from "./support";

const ERROR_CODES = /^[a-z_]+$/;

function expectContractError(res: { status: number; body: any }) {
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(Object.keys(res.body)).toEqual(["error"]);
  expect(res.body.error.code).toMatch(ERROR_CODES);
  expect(typeof res.body.error.message).toBe("string");
  expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+|stack|D1_ERROR|SQLITE/i);
  for (const issue of res.body.error.issues ?? []) expect(Object.keys(issue).sort()).toEqual(["message", "path"]);
}

const hostileString = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.constantFrom("<script>alert(1)</script>", "'; DROP TABLE events; --", "\u0000\uffff\ud800", "../../etc/passwd", "%00%2e%2e", "null", "__proto__", "constructor", "😀".repeat(40)),
);
const jsonish = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.anything({ maxDepth: 2 }).map((x) => { try { return JSON.parse(JSON.stringify(x) ?? "null"); } catch { return null; } }));

/** A valid wire event for the site, with arbitrary but well-typed content. */
const validEvent = fc.record({
  // ("click" is left out: a click on a link within the site is valid yet dropped, see core/link-kind.ts)
  k: fc.constantFrom("pageview", "outbound", "download", "track", "identify", "engage", "form"),
  id: fc.uuid().map((u) => `f-${u}`),
  t: fc.integer({ min: Date.now() - 86_400_000, max: Date.now() }),
  u: fc.webUrl({ withQueryParameters: true }).map((u) => u.slice(0, 2000)),
  ti: fc.option(hostileString, { nil: undefined }),
  p: fc.option(fc.dictionary(fc.string({ minLength: 1, maxLength: 20 }), fc.oneof(hostileString, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean())), { nil: undefined }),
}).map((e) => JSON.parse(JSON.stringify(e)));

const invalidEvent = fc.oneof(
  jsonish,
  fc.record({ k: hostileString, id: fc.oneof(fc.integer(), hostileString), t: fc.oneof(fc.string(), fc.double()), u: fc.oneof(fc.integer(), fc.constant(null)) }),
);

let sites: string[] = [];
beforeAll(async () => {
  sites = await Promise.all(Array.from({ length: 6 }, async () => (await createSite({ domains: ["example.com", "localhost"] })).id));
});

describe("fuzzing POST /collect", () => {
  it("answers any body with 202 or a 4xx in the contract's shape, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(jsonish.map((j) => JSON.stringify(j)), fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 }).map((b) => new TextDecoder().decode(b))), async (body) => {
        const res = await collect(body);
        if (res.status !== 202) expectContractError(res);
      }),
      { numRuns: 150, seed: 424242 },
    );
  }, 120_000);

  it("stores every valid event of mixed batches and reports every invalid one", async () => {
    const sent: string[] = [];
    let i = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(validEvent.map((e) => ({ ok: true as const, e })), invalidEvent.map((e) => ({ ok: false as const, e }))), { minLength: 1, maxLength: 12 }), async (items) => {
        const site = sites[i++ % sites.length]!;
        const res = await collect({ s: site, a: uid("fz"), e: items.map((x) => x.e) });
        const valid = items.filter((x) => x.ok);
        if (valid.length === 0) return expectContractError(res);
        expect(res.status).toBe(202);
        expect(res.body.accepted).toBe(valid.length);
        expect((res.body.rejected ?? []).length).toBe(items.length - valid.length);
        sent.push(...valid.map((x) => x.e.id as string));
      }),
      { numRuns: 60, seed: 777 },
    );
    // Every accepted event reaches D1 through the real queue: the shard of its site.
    const oneSitePerShard = new Map<string, string>();
    for (const site of sites) oneSitePerShard.set(await shardOf(site), site);
    const shards = await Promise.all([...oneSitePerShard.values()].map((site) => dbOf(site)));
    await eventually(async () => {
      const found = await Promise.all(shards.map(async (db) => (await db.prepare("SELECT id FROM events WHERE id IN (SELECT value FROM json_each(?1))").bind(JSON.stringify(sent)).all()).results));
      return found.flat().length === new Set(sent).size;
    }, 30_000);
  }, 120_000);
});

describe("fuzzing POST /v1/batch", () => {
  it("never answers a 5xx and keeps the contract's error shape", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(jsonish.map((j) => JSON.stringify(j)), fc.record({ batch: fc.array(jsonish, { maxLength: 5 }) }).map((b) => JSON.stringify(b))), async (body) => {
        const res = await api("/v1/batch", { method: "POST", body, token: null, headers: { authorization: `Basic ${btoa("nope:")}` } });
        expectContractError(res);
      }),
      { numRuns: 60, seed: 99 },
    );
  }, 120_000);
});

describe("fuzzing API query parameters", () => {
  const paths = ["/api/v1/profiles", "/api/v1/attribution", "/api/v1/stats", "/api/v1/attribution/compare"];
  it("answers any query with 200 or a 4xx in the contract's shape", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.dictionary(fc.constantFrom("site", "model", "group_by", "from", "to", "cursor", "limit", "min_score", "stage", "label", "updated_since", "email", "conversion", "sort", hostileString as never), hostileString), fc.boolean(), async (path, params, withSite) => {
        const q = new URLSearchParams(params as Record<string, string>);
        if (withSite) q.set("site", sites[0]!);
        const res = await api(`${path}?${q}`);
        if (res.status !== 200) expectContractError(res);
      }),
      { numRuns: 100, seed: 31337 },
    );
  }, 120_000);
});
