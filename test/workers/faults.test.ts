// Faults injected into the real runtime: D1 failing mid-batch, a poison message, dead letters kept for inspection.
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { EventsMessage } from "../../schema/event";
import type { Env } from "../../worker/env";
import worker from "../../worker/index";
import { collectedEvent, consumeWith, createSite, dbOf, deliver, env, profileOf, shardOf, uid } from "./support";

/** The real D1, except that db.batch() fails whenever `fails` says so — as a D1 outage or overload would. The failing
 *  D1 is the site's shard's, the one the consumer writes the site's events to. */
async function faultyEnv(site: string, fails: (statements: D1PreparedStatement[]) => boolean): Promise<Env> {
  const shard = await shardOf(site);
  const db = new Proxy(await dbOf(site), {
    get(target, prop) {
      if (prop === "batch") {
        return async (statements: D1PreparedStatement[]) => {
          if (fails(statements)) throw new Error("D1_ERROR: simulated storage failure");
          return target.batch(statements);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { ...env, [shard]: db };
}


const writes = (statements: D1PreparedStatement[]) => statements.length > 3;

describe("a D1 failure during a consumer batch", () => {
  it("retries every message, writes nothing half-way, and loses nothing on redelivery", async () => {
    const { id: site } = await createSite();
    const a = uid("anon");
    const messages: EventsMessage[] = [
      { v: 1, events: [collectedEvent({ site, anonymous_id: a }), collectedEvent({ site, anonymous_id: a, type: "identify", traits: { email: "ops@corp.io" } })] },
      { v: 1, events: [collectedEvent({ site, anonymous_id: uid("anon") })] },
    ];
    const failed = await consumeWith(messages, await faultyEnv(site, writes));
    expect(failed.explicitAcks).toEqual([]);
    expect(failed.retryMessages.length).toBe(2);
    const db = await dbOf(site);
    expect(await db.prepare("SELECT COUNT(*) AS n FROM events WHERE site = ?1").bind(site).first("n")).toBe(0);
    expect(await db.prepare("SELECT COUNT(*) AS n FROM profiles WHERE site = ?1").bind(site).first("n")).toBe(0);

    const retried = await consumeWith(messages, env);
    expect(retried.explicitAcks.length).toBe(2);
    expect(await db.prepare("SELECT COUNT(*) AS n FROM events WHERE site = ?1").bind(site).first("n")).toBe(3);
    const p = await profileOf(site, a);
    expect(p).toMatchObject({ email: "ops@corp.io", stage: "lead", counts: { events: 2 } });
  });
});

describe("a poison message", () => {
  it("is kept as a dead letter with its body while the other messages of its batch are stored", async () => {
    const { id: site } = await createSite();
    const poison = collectedEvent({ site, anonymous_id: uid("anon") });
    const good = [collectedEvent({ site, anonymous_id: uid("anon") }), collectedEvent({ site, anonymous_id: uid("anon") })];
    const result = await consumeWith(
      [{ v: 1, events: [good[0]!] }, { v: 1, events: [poison] }, { v: 1, events: [good[1]!] }],
      // This message's write fails every time, as a message that trips a storage limit would.
      await faultyEnv(site, (statements) => writes(statements) && JSON.stringify(statements.map((s) => (s as unknown as { params?: unknown }).params ?? "")).includes(poison.id)),
    );
    // The others were stored, so storage works: the message that still fails is the message's fault.
    expect(result.explicitAcks.length).toBe(3);
    expect(result.retryMessages).toEqual([]);
    const stored = (await (await dbOf(site)).prepare("SELECT id FROM events WHERE site = ?1").bind(site).all<{ id: string }>()).results.map((r) => r.id).sort();
    expect(stored).toEqual(good.map((e) => e.id).sort());
    const letter = await env.DB.prepare("SELECT * FROM dead_letters WHERE site = ?1").bind(site).first<{ reason: string; body: string; error: string }>();
    expect(letter).toMatchObject({ reason: "not_stored", error: expect.stringContaining("simulated storage failure") });
    expect(JSON.parse(letter!.body).events[0].id).toBe(poison.id);
  });

  it("lands in the dead-letter table once its retries are exhausted", async () => {
    const body = { v: 1, events: [collectedEvent({ site: "gone", anonymous_id: uid("poison") })] };
    const batch = createMessageBatch("pista-events-dlq", [{ id: uid("dlq"), timestamp: new Date(), attempts: 1, body }]);
    const ctx = createExecutionContext();
    await worker.queue(batch as MessageBatch<unknown>, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.ackAll).toBe(true);
    const row = await env.DB.prepare("SELECT * FROM dead_letters WHERE instr(body, ?1) > 0").bind(body.events[0]!.anonymous_id).first<{ queue: string; reason: string }>();
    expect(row).toMatchObject({ queue: "pista-events", reason: "retries_exhausted" });
  });

  it("sends a message that fails validation to the dead-letter queue at once", async () => {
    const result = await deliver([{ v: 2, events: "nope" } as never]);
    expect(result.explicitAcks.length).toBe(1);
    expect(result.retryMessages).toEqual([]);
  });
});
