// Helpers for the webhook integration tests: endpoints through the API, a recording receiver standing in for fetch,
// a fake WEBHOOKS producer, and deliveries driven straight through the real consumer.
import { createMessageBatch, getQueueResult, createExecutionContext } from "cloudflare:test";
import type { CollectedEvent } from "../../schema/event";
import type { Env } from "../../worker/env";
import { consumeWebhooks } from "../../worker/jobs/webhooks";
import { storeEvents } from "../../worker/jobs/events";
import { dispatchOutbox } from "../../worker/services/webhooks/dispatch";
import type { WebhookMessage } from "../../worker/services/webhooks/message";
import { api, collectedEvent, createSite, env, uid } from "./support";

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
 */
export async function pendingDeliveries(options: { webhook?: Record<string, unknown>; count?: number; now?: number } = {}) {
  const site = await createSite();
  const hook = await createWebhook(site.id, options.webhook);
  const now = options.now ?? Date.now();
  const events = Array.from({ length: options.count ?? 1 }, () => identifyEvent(site.id, { at: now - 1000 }));
  for (const e of events) await storeEvents(env, [e], { now });
  const q = fakeQueue();
  await dispatchOutbox({ DB: env.DB, WEBHOOKS: q.queue }, now);
  const ids = await deliveryIds(hook.id);
  return { site, hook, events, messages: q.sent.map((s) => s.body).filter((m) => ids.includes(m.delivery_id)) };
}

export async function deliveryIds(subscription: string): Promise<string[]> {
  const { results } = await env.DB.prepare("SELECT id FROM webhook_deliveries WHERE subscription_id = ?1 ORDER BY created_at, id").bind(subscription).all<{ id: string }>();
  return results.map((r) => r.id);
}

export async function deliveryRow(id: string) {
  return env.DB.prepare("SELECT * FROM webhook_deliveries WHERE id = ?1").bind(id).first<Record<string, any>>();
}

/** Runs messages through the real WEBHOOKS consumer with a given fetch, clock and producer; returns what it queued next. */
export async function consume(messages: unknown[], deps: { fetch: ReturnType<typeof receiver>["fetch"]; clock?: () => number; timeoutMs?: number; env?: Partial<Env> }) {
  const next = fakeQueue();
  const batch = createMessageBatch("pista-webhooks", messages.map((body, i) => ({ id: `w${i}-${uid()}`, timestamp: new Date(), attempts: 1, body })));
  const ctx = createExecutionContext();
  await consumeWebhooks(batch, { ...env, WEBHOOKS: next.queue, ...deps.env } as Env, { fetch: deps.fetch, clock: deps.clock ?? Date.now, timeoutMs: deps.timeoutMs });
  return { next: next.sent, result: await getQueueResult(batch, ctx) };
}
