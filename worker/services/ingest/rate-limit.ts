// Per-client and per-site rate limiting with Cloudflare's Rate Limiting binding; a limited sender gets 429 with
// Retry-After. Limits (wrangler.toml): browser beacons per site and client address, server-to-server (Segment API)
// per site at server rates, the API per client address, failed site look-ups per client address.
import type { Env } from "../../env";
import { ApiError } from "../../errors";

/** The binding's window; Retry-After tells a client when the window turns. */
export const PERIOD_SECONDS = 60;

export function rateLimited(): ApiError {
  return new ApiError(429, "Too many requests; slow down and retry later.", { headers: { "Retry-After": String(PERIOD_SECONDS) } });
}

/** True when the request may go on. */
export async function withinRate(env: Env, limiter: RateLimit, key: string): Promise<boolean> {
  if (env.RATE_LIMITS === "off") return true;
  return (await limiter.limit({ key })).success;
}

export async function checkRate(env: Env, limiter: RateLimit, key: string): Promise<void> {
  if (!(await withinRate(env, limiter, key))) throw rateLimited();
}

/** The client's network key: Cloudflare's connecting IP (never stored), or "local" when there is none (tests, local dev). */
export function clientKey(req: Request): string {
  return req.headers.get("cf-connecting-ip") ?? "local";
}
