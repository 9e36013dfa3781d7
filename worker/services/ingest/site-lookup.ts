// Which site a request names, by id (snippet) or write key (Segment API). The per-isolate cache answers most
// requests; a client refused further look-ups (lookup-guard.ts) is answered from the cache alone.
import type { Env } from "../../env";
import { cachedSite, cachedSiteByWriteKey, peekSite, type Site } from "../../store/sites";
import { failedLookup, lookupBlocked } from "./lookup-guard";

export async function findSite(env: Env, by: { id: string } | { writeKey: string }, client: string, now: number): Promise<Site | null | "blocked"> {
  const known = await peekSite(by, now);
  if (known !== undefined) return known;
  if (lookupBlocked(client, now)) return "blocked";
  const site = "id" in by ? await cachedSite(env.DB, by.id, now) : await cachedSiteByWriteKey(env.DB, by.writeKey, now);
  if (!site) await failedLookup(env, client, now);
  return site;
}
