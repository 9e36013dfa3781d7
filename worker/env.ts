// The Worker's bindings, as wrangler.toml declares them.
import type { QueueMessage } from "../schema/event";
import type { Principal } from "./auth";

export interface Env {
  DB: D1Database;
  EVENTS: Queue<QueueMessage>;
  EVENTS_DLQ: Queue<unknown>;
  WEBHOOKS: Queue<unknown>;
  ADMIN_TOKEN?: string;
  /** keys the daily cookieless visitor hash; falls back to ADMIN_TOKEN */
  HASH_SECRET?: string;
  ENVIRONMENT?: string;
  /** set in tests only: the migrations to apply */
  TEST_MIGRATIONS?: unknown;
}

export type AppEnv = { Bindings: Env; Variables: { principal: Principal } };
