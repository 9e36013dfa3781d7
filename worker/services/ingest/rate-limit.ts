// Per-client rate limiting with Cloudflare's Rate Limiting binding; a limited client gets 429 with Retry-After.
import type { Env } from "../../env";
import { ApiError } from "../../errors";

/** The binding's window; Retry-After tells a client when the window turns. */
const PERIOD_SECONDS = 60;

export async function checkRate(env: Env, limiter: RateLimit, key: string): Promise<void> {
  if (env.RATE_LIMITS === "off") return;
  const { success } = await limiter.limit({ key });
  if (!success) {
    throw new ApiError(429, "Too many requests from this client; slow down and retry later.", { headers: { "Retry-After": String(PERIOD_SECONDS) } });
  }
}

/** The client's network key: Cloudflare's connecting IP (never stored), or "local" when there is none (tests, local dev). */
export function clientKey(req: Request): string {
  return req.headers.get("cf-connecting-ip") ?? "local";
}
