// Unknown site ids and bad write keys each cost a database read. A client that keeps naming sites that do not exist
// is refused before any look-up for the rest of the limiter's window (per isolate; the limiter itself counts per
// Cloudflare location). The block list is bounded, so a flood of addresses cannot grow it without end.
import type { Env } from "../../env";

const BLOCK_MS = 60_000;
const MAX_BLOCKED = 10_000;
const blocked = new Map<string, number>();

export function lookupBlocked(client: string, now: number): boolean {
  const until = blocked.get(client);
  if (until === undefined) return false;
  if (until > now) return true;
  blocked.delete(client);
  return false;
}

/** Counts a failed look-up against the client; past the limit, the client is blocked for the window. */
export async function failedLookup(env: Env, client: string, now: number): Promise<void> {
  if (env.RATE_LIMITS === "off") return;
  const { success } = await env.LOOKUP_LIMITER.limit({ key: `lookup:${client}` });
  if (success) return;
  blocked.set(client, now + BLOCK_MS);
  while (blocked.size > MAX_BLOCKED) blocked.delete(blocked.keys().next().value!);
}
