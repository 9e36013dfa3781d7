// Which shard a queue belongs to, which bindings are shards, and where a new site goes (worker/shards.ts).
import { describe, expect, it } from "vitest";
import type { Env } from "../../worker/env";
import { CONTROL, leastLoaded, openShards, shardEnv, shardNames, shardOfQueue } from "../../worker/shards";

const fakes = new Map<string, D1Database>();
/** A stand-in database (only its identity and a prepare method matter here). */
const db = (name: string) => fakes.get(name) ?? (fakes.set(name, { name, prepare() {} } as unknown as D1Database), fakes.get(name)!);
const queue = (name: string) => ({ name }) as unknown as Queue<never>;
const envWith = (extra: Record<string, unknown>) => ({ DB: db("DB"), EVENTS: queue("pista-events"), WEBHOOKS: queue("pista-webhooks"), ...extra }) as unknown as Env;

describe("shardOfQueue", () => {
  it.each([
    ["pista-events", "DB"],
    ["pista-events-dlq", "DB"],
    ["pista-webhooks", "DB"],
    ["pista-webhooks-dlq", "DB"],
    ["pista-events-2", "DB_2"],
    ["pista-events-2-dlq", "DB_2"],
    ["pista-webhooks-12", "DB_12"],
    ["pista-webhooks-12-dlq", "DB_12"],
  ])("%s belongs to %s", (name, shard) => expect(shardOfQueue(name)).toBe(shard));
});

describe("shardNames", () => {
  it("is DB, then every bound DB_n in numeric order; other bindings, unbound names and variables are not shards", () => {
    const env = envWith({ DB_10: db("DB_10"), DB_2: db("DB_2"), DB_3: undefined, DBX: db("DBX"), DB_URL: "postgres://elsewhere", ARCHIVE: {} });
    expect(shardNames(env)).toEqual([CONTROL, "DB_2", "DB_10"]);
  });
});

describe("shardEnv", () => {
  it("gives a shard's own database and queues, and keeps the control database reachable", () => {
    const env = envWith({ DB_2: db("DB_2"), EVENTS_2: queue("pista-events-2"), WEBHOOKS_2: queue("pista-webhooks-2") });
    const scoped = shardEnv(env, "DB_2");
    expect([scoped.DB, scoped.EVENTS, scoped.WEBHOOKS, scoped.CONTROL_DB]).toEqual([db("DB_2"), queue("pista-events-2"), queue("pista-webhooks-2"), db("DB")]);
    expect(shardEnv(env, "DB")).toBe(env);
  });

  it("refuses a shard without its binding or its queues", () => {
    expect(() => shardEnv(envWith({}), "DB_2")).toThrow(/No D1 binding DB_2/);
    expect(() => shardEnv(envWith({ DB_2: db("DB_2"), EVENTS_2: queue("e") }), "DB_2")).toThrow(/WEBHOOKS_2/);
  });
});

describe("placing new sites", () => {
  it("goes to the open shard with the fewest sites, the first listed among equals", () => {
    expect(leastLoaded(["DB", "DB_2"], new Map([["DB", 3], ["DB_2", 2]]))).toBe("DB_2");
    expect(leastLoaded(["DB", "DB_2"], new Map([["DB", 2], ["DB_2", 2]]))).toBe("DB");
    expect(leastLoaded(["DB", "DB_2", "DB_3"], new Map([["DB", 5], ["DB_2", 1]]))).toBe("DB_3"); // a new shard holds none
    expect(() => leastLoaded([], new Map())).toThrow(/No shard/);
  });

  it("takes only the shards NEW_SITE_SHARDS names, and refuses a name that is not bound", () => {
    const env = envWith({ DB_2: db("DB_2"), DB_3: db("DB_3") });
    expect(openShards(env)).toEqual(["DB", "DB_2", "DB_3"]);
    expect(openShards({ ...env, NEW_SITE_SHARDS: " DB_3, DB_2 " })).toEqual(["DB_3", "DB_2"]);
    expect(() => openShards({ ...env, NEW_SITE_SHARDS: "DB_4" })).toThrow(/DB_4/);
  });
});
