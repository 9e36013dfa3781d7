// The Worker's bindings, as wrangler.toml declares them.
import type { QueueMessage } from "../schema/event";
import { META_GRAPH_URL } from "./core/ads/meta";

export interface Env {
  /** the control database (the directory of sites, dashboard sessions) and the first shard (worker/shards.ts) */
  DB: D1Database;
  /** further shards, each with its own EVENTS_n and WEBHOOKS_n queues */
  [shard: `DB_${string}`]: D1Database | undefined;
  [events: `EVENTS_${string}`]: Queue<QueueMessage> | undefined;
  [webhooks: `WEBHOOKS_${string}`]: Queue<unknown> | undefined;
  /** comma-separated shards that take new sites (default: every shard), e.g. "DB_2,DB_3" once DB is full */
  NEW_SITE_SHARDS?: string;
  /** set in one shard's env (worker/shards.ts shardEnv): the control database, where DB is that shard */
  CONTROL_DB?: D1Database;
  /** raw events as NDJSON, per site and day (store/archive.ts) */
  ARCHIVE: R2Bucket;
  EVENTS: Queue<QueueMessage>;
  WEBHOOKS: Queue<unknown>;
  /** browser beacons, per site and client address */
  COLLECT_LIMITER: RateLimit;
  /** server-to-server ingestion (Segment API), per site */
  SERVER_LIMITER: RateLimit;
  /** the API and dashboard sign-in, per client address */
  API_LIMITER: RateLimit;
  /** failed site look-ups (unknown site ids, bad write keys), per client address */
  LOOKUP_LIMITER: RateLimit;
  /** "off" disables the rate limits (the local benchmark) */
  RATE_LIMITS?: string;
  ADMIN_TOKEN?: string;
  /** keys the daily cookieless visitor hash; falls back to ADMIN_TOKEN */
  HASH_SECRET?: string;
  /** "development" only in local runs (.dev.vars); anything else, or nothing, is production */
  ENVIRONMENT?: string;
  /** path prefix(es) of a first-party Workers route ("/_p" for example.com/_p/*): /p.js and /collect answer there too */
  ROUTE_PREFIX?: string;
  /** comma-separated retry waits in ms replacing the production webhook schedule (tests only; see core/webhook-schedule.ts) */
  WEBHOOK_RETRY_SCHEDULE_MS?: string;
  /** the dashboard's public origin (https://pista.example.com), for the links in Slack and Teams alerts */
  PUBLIC_URL?: string;
  /** the Graph API's base URL for Meta's Conversions API (default https://graph.facebook.com; tests use a local receiver) */
  META_GRAPH_URL?: string;
  /** set in tests only: the migrations to apply */
  TEST_MIGRATIONS?: unknown;
}


/** Local development relaxes what production forbids: http and loopback webhooks, localhost origins for every site,
 *  headless browsers, the development token on the sign-in page. Production is the default. */
export function isDevelopment(env: Pick<Env, "ENVIRONMENT">): boolean {
  return env.ENVIRONMENT === "development";
}

/** Where people open the dashboard: PUBLIC_URL without a trailing slash, else the local `npm start` address. */
export function publicUrlOf(env: Pick<Env, "PUBLIC_URL">): string {
  return env.PUBLIC_URL?.trim().replace(/\/+$/, "") || "http://localhost:8787";
}

/** Where Meta's Conversions API is called: META_GRAPH_URL without a trailing slash, else Meta's own. */
export function metaGraphUrlOf(env: Pick<Env, "META_GRAPH_URL">): string {
  return env.META_GRAPH_URL?.trim().replace(/\/+$/, "") || META_GRAPH_URL;
}
