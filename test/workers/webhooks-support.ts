// Helpers for the webhook integration tests: endpoints through the API, a recording receiver standing in for fetch,
// a fake WEBHOOKS producer, and deliveries driven straight through the real consumer.
import { createMessageBatch, getQueueResult, createExecutionContext } from "cloudflare:test";
import type { CollectedEvent } from "../../schema/event";
import type { Env } from "../../worker/env";
import { consumeWebhooks } from "../../worker/jobs/webhooks";
import { storeEvents } from "../../worker/jobs/events";
import { dispatchOutbox } from "../../worker/services/webhooks/dispatch";
import type { WebhookMessage } from "../../worker/services/webhooks/message";
import { findInShards, shardDb, shardNames } from "../../worker/shards";
import { api, collectedEvent, createSite, dbOf, env, envOf, uid } from "./support";

export interface ReceivedCall {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** A stand-in for fetch that records every request and answers with `respond` (200 by default). */
export function receiver(respond: (call: ReceivedCall, n: number) => Response | Promise<Response> = () => new Response("ok")) {
  const calls: ReceivedCall[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    const call = { url, headers: Object.fromEntries(new Headers(init.headers).entries()), body: String(init.body) };
    calls.push(call);
    return respond(call, calls.length);
  };
  return { calls, fetch };
}

/** A WEBHOOKS producer that keeps what is sent instead of delivering it. */
export function fakeQueue(options: { failSend?: boolean } = {}) {
  const sent: { body: WebhookMessage; delaySeconds: number }[] = [];
  const queue = {
    async send(body: unknown, o?: QueueSendOptions) {
      if (options.failSend) throw new Error("queue unavailable");
      sent.push({ body: body as WebhookMessage, delaySeconds: o?.delaySeconds ?? 0 });
    },
    async sendBatch(messages: Iterable<MessageSendRequest<unknown>>) {
      if (options.failSend) throw new Error("queue unavailable");
      for (const m of messages) sent.push({ body: m.body as WebhookMessage, delaySeconds: m.delaySeconds ?? 0 });
    },
  };
  return { sent, queue: queue as unknown as Queue<unknown> };
}

export async function createWebhook(site: string, body: Record<string, unknown> = {}) {
  const res = await api("/api/v1/webhooks", { method: "POST", body: JSON.stringify({ site, url: "https://crm.example.com/hooks/pista", events: ["profile.identified"], ...body }) });
  if (res.status !== 201) throw new Error(`webhook not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; url: string; events: string[]; secret: string; site: string };
}

export function identifyEvent(site: string, o: Partial<CollectedEvent> = {}): CollectedEvent {
  return collectedEvent({ site, type: "identify", anonymous_id: uid("anon"), traits: { email: `${uid("lead")}@northwind-test.com`, name: "Ana López" }, ...o });
}

/**
 * A site with an endpoint and `count` identified visitors whose deliveries exist but were sent to a fake queue, so the
 * test alone decides when and how each is attempted. Returns the queued messages of this endpoint only.
 *
 * The test sites share their shard: transitions other tests committed without a sweep may come first (a fan-out takes
 * a page of the oldest), so pages are fanned out until this site's are; and a sweep after another test's events batch
 * may dispatch this site's transitions to the real queue first, which leaves the site of no use: the setup then starts
 * over with a new one.
 */
export async function pendingDeliveries(options: { webhook?: Record<string, unknown>; count?: number; now?: number } = {}) {
  for (let tries = 1; ; tries++) {
    const site = await createSite();
    const hook = await createWebhook(site.id, options.webhook);
    const now = options.now ?? Date.now();
    const events = Array.from({ length: options.count ?? 1 }, () => identifyEvent(site.id, { at: now - 1000 }));
    const shard = await envOf(site);
    for (const e of events) await storeEvents(shard, [e], { now });
    const q = fakeQueue();
    const undispatched = () => shard.DB.prepare("SELECT COUNT(*) AS n FROM webhook_outbox WHERE site = ?1 AND dispatched_at IS NULL").bind(site.id).first<number>("n");
    do {
      if ((await dispatchOutbox({ DB: shard.DB, WEBHOOKS: q.queue }, now)).rows === 0) break;
    } while (((await undispatched()) ?? 0) > 0);
    const ids = await deliveryIds(hook.id, site.id);
    const messages = q.sent.map((s) => s.body).filter((m) => ids.includes(m.delivery_id));
    if (messages.length === ids.length) return { site, hook, events, messages };
    if (tries >= 5) throw new Error(`pendingDeliveries: concurrent sweeps dispatched this setup's deliveries ${tries} times`);
  }
}

/** The shards to look in: the site's when it is known, else every shard (an endpoint or a delivery lives in one only). */
async function shardDbs(site?: string): Promise<D1Database[]> {
  return site ? [await dbOf(site)] : shardNames(env).map((shard) => shardDb(env, shard));
}

/** An endpoint's deliveries, oldest first, from its site's shard (`site`, or whichever shard holds them). */
export async function deliveryIds(subscription: string, site?: string): Promise<string[]> {
  const ids: string[] = [];
  for (const db of await shardDbs(site)) {
    const { results } = await db.prepare("SELECT id FROM webhook_deliveries WHERE subscription_id = ?1 ORDER BY created_at, id").bind(subscription).all<{ id: string }>();
    ids.push(...results.map((r) => r.id));
  }
  return ids;
}

const rowOf = (db: D1Database, id: string) => db.prepare("SELECT * FROM webhook_deliveries WHERE id = ?1").bind(id).first<Record<string, any>>();

/** A delivery's row, from its site's shard or whichever shard holds it; null when none does. */
export async function deliveryRow(id: string, site?: string) {
  return site ? rowOf(await dbOf(site), id) : ((await findInShards(env, (db) => rowOf(db, id)))?.found ?? null);
}

/** The env of the shard holding the deliveries the messages name (the control shard's when none does, e.g. garbage). */
async function shardEnvOf(messages: unknown[]): Promise<Env> {
  const ids = messages.map((m) => (m as { delivery_id?: unknown })?.delivery_id).filter((id): id is string => typeof id === "string");
  const holding = (db: D1Database) => db.prepare("SELECT 1 AS x FROM webhook_deliveries WHERE id IN (SELECT value FROM json_each(?1)) LIMIT 1").bind(JSON.stringify(ids)).first();
  return (await findInShards(env, holding))?.env ?? env;
}

/** Runs messages through the real WEBHOOKS consumer, in the env of the shard their deliveries live in (as that shard's
 *  queue would deliver them), with a given fetch, clock and producer; returns what it queued next. */
export async function consume(messages: unknown[], deps: { fetch: ReturnType<typeof receiver>["fetch"]; clock?: () => number; timeoutMs?: number; env?: Partial<Env> }) {
  const next = fakeQueue();
  const batch = createMessageBatch("pista-webhooks", messages.map((body, i) => ({ id: `w${i}-${uid()}`, timestamp: new Date(), attempts: 1, body })));
  const ctx = createExecutionContext();
  await consumeWebhooks(batch, { ...(await shardEnvOf(messages)), WEBHOOKS: next.queue, ...deps.env } as Env, { fetch: deps.fetch, clock: deps.clock ?? Date.now, timeoutMs: deps.timeoutMs });
  return { next: next.sent, result: await getQueueResult(batch, ctx) };
}
