// The Hono environment of every route, and the use-case context built from a request (the same for API and dashboard).
import type { Context } from "hono";
import type { Env } from "../env";
import type { Principal } from "../services/auth";
import type { Ctx } from "../services/context";

export type AppEnv = { Bindings: Env; Variables: { principal: Principal; nonce: string } };

export function ctxOf(c: Context<AppEnv>, now = Date.now()): Ctx {
  return { env: c.env, now, principal: c.get("principal"), later: (work) => c.executionCtx.waitUntil(work) };
}
