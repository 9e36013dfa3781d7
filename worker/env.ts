// The Worker's bindings, as wrangler.toml declares them.
import type { QueueMessage } from "../schema/event";
import type { Principal } from "./auth";

export interface Env {
  DB: D1Database;
  EVENTS: Queue<QueueMessage>;
  EVENTS_DLQ: Queue<unknown>;
  WEBHOOKS: Queue<unknown>;
  /** per client: /collect batches by site and IP; server ingestion and the API by credential and IP */
  COLLECT_LIMITER: RateLimit;
  API_LIMITER: RateLimit;
  /** "off" disables the rate limits (the local benchmark) */
  RATE_LIMITS?: string;
  ADMIN_TOKEN?: string;
  /** keys the daily cookieless visitor hash; falls back to ADMIN_TOKEN */
  HASH_SECRET?: string;
  ENVIRONMENT?: string;
  /** path prefix(es) of a first-party Workers route ("/_p" for example.com/_p/*): /p.js and /collect answer there too */
  ROUTE_PREFIX?: string;
  /** comma-separated retry waits in ms replacing the production webhook schedule (tests only; see core/webhook-schedule.ts) */
  WEBHOOK_RETRY_SCHEDULE_MS?: string;
  /** set in tests only: the migrations to apply */
  TEST_MIGRATIONS?: unknown;
}

export type AppEnv = { Bindings: Env; Variables: { principal: Principal } };
