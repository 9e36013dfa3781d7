// Helpers for integration tests in the Workers runtime: requests through the real app, batches through the real consumer.
import { createExecutionContext, createMessageBatch, env, getQueueResult, SELF, waitOnExecutionContext } from "cloudflare:test";
import { vi } from "vitest";
import type { Env } from "../../worker/env";
import worker from "../../worker/index";
import { consumeEvents } from "../../worker/jobs/events";
import { shardDb, shardEnv } from "../../worker/shards";
import type { CollectedEvent, EventsMessage } from "../../schema/event";

export const ADMIN = "test-admin-token";
export const UA_CHROME = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

let counter = 0;
/** A unique id per call, so tests never collide on shared storage. */
export function uid(prefix = "t"): string {
  return `${prefix}${Date.now().toString(36)}${(counter++).toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Sites are placed on the shard with the fewest sites (worker/shards.ts), so the suite's sites land on both DB and
 *  DB_2; `shard` places one on purpose. */
export async function createSite(input: { id?: string; domains?: string[]; shard?: string } = {}) {
  const res = await api("/api/v1/sites", { method: "POST", body: JSON.stringify({ id: input.id ?? uid("site"), name: "Test site", domains: input.domains ?? ["example.com", "localhost"], ...(input.shard ? { shard: input.shard } : {}) }) });
  if (res.status !== 201) throw new Error(`site not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; write_key: string; read_key: string; identity_secret: string; domains: string[] };
}

export async function api<T = any>(path: string, init: RequestInit & { token?: string | null } = {}): Promise<{ status: number; body: T; headers: Headers }> {
  const { token = ADMIN, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (token) headers.set("authorization", `Bearer ${token}`);
  if (rest.body && !headers.has("content-type")) headers.set("content-type", "application/json");
  const res = await SELF.fetch(`https://pista.test${path}`, { ...rest, headers });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

export function wirePageview(overrides: Record<string, unknown> = {}) {
  return { k: "pageview", id: uid("e"), t: Date.now(), u: "https://example.com/", ...overrides };
}

export async function collect(body: unknown, headers: Record<string, string> = {}) {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  return api("/collect", { method: "POST", body: raw, token: null, headers: { "content-type": "text/plain", origin: "https://example.com", "user-agent": UA_CHROME, ...headers } });
}

/** Waits for the real queue consumer (miniflare delivers the EVENTS queue) to make a condition true. */
export async function eventually<T>(fn: () => Promise<T>, timeout = 10_000): Promise<T> {
  return vi.waitFor(async () => {
    const v = await fn();
    if (!v) throw new Error("not yet");
    return v;
  }, { timeout, interval: 100 });
}

/** Delivers messages straight to the EVENTS consumer, as a (re)delivery from the queue would. */
export function deliver(messages: EventsMessage[], attempts = 1) {
  return runEventsBatch(messages, attempts, (batch, ctx) => worker.queue(batch, env, ctx));
}

/** Straight to the EVENTS consumer with stores of the test's own (a failing D1 or R2), and no webhook sweep after it. */
export function consumeWith(messages: EventsMessage[], stores: Env) {
  return runEventsBatch(messages, 1, async (batch) => void (await consumeEvents(batch, stores, { now: Date.now() })));
}

async function runEventsBatch(messages: EventsMessage[], attempts: number, run: (batch: MessageBatch<unknown>, ctx: ExecutionContext) => Promise<void>) {
  const batch = createMessageBatch<EventsMessage>("pista-events", messages.map((body, i) => ({ id: `m${i}-${uid()}`, timestamp: new Date(), attempts, body })));
  const ctx = createExecutionContext();
  await run(batch as MessageBatch<unknown>, ctx);
  await waitOnExecutionContext(ctx);
  return getQueueResult(batch, ctx);
}

export async function profileOf(site: string, anonymousId: string) {
  const res = await api(`/api/v1/profiles?site=${site}&anonymous_id=${encodeURIComponent(anonymousId)}`);
  return (res.body as { data: any[] }).data[0] ?? null;
}

export { env };

/** A normalised event as ingest would put it on the queue. */
export function collectedEvent(o: Partial<CollectedEvent> & { site: string }): CollectedEvent {
  const url = o.url ?? "https://example.com/";
  return {
    id: uid("e"), type: "pageview", name: null, anonymous_id: null, user_id: null, previous_id: null,
    at: Date.now(), received_at: Date.now(), url, path: new URL(url).pathname, title: null,
    touch: { channel: "Direct", source: "(direct)", medium: "(none)", campaign: null, term: null, content: null, referrer: null, landing_page: url, click_id: null },
    props: {}, traits: {}, device: null, geo: null, cookieless: false, origin: "snippet", ...o,
  };
}

/** The shard a site lives in, from the directory in the control database. */
export async function shardOf(site: string | { id: string }): Promise<string> {
  const id = typeof site === "string" ? site : site.id;
  const row = await env.DB.prepare("SELECT shard FROM site_shards WHERE site = ?1").bind(id).first<{ shard: string }>();
  if (!row) throw new Error(`site ${id} is in no shard`);
  return row.shard;
}

/** The D1 database holding a site's rows (profiles, events, journeys, webhooks …), for tests that read them. */
export async function dbOf(site: string | { id: string }): Promise<D1Database> {
  return shardDb(env, await shardOf(site));
}

/** The bindings as the site's shard sees them (DB, EVENTS, WEBHOOKS of that shard), for jobs a test runs itself. */
export async function envOf(site: string | { id: string }): Promise<Env> {
  return shardEnv(env, await shardOf(site));
}
