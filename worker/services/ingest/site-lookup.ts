// Which site a request names, by id (snippet) or write key (Segment API). The per-isolate cache answers most
// requests; a client refused further look-ups (lookup-guard.ts) is answered from the cache alone.
import type { Env } from "../../env";
import { siteById, siteByKey } from "../../shards";
import { cachedSite, cachedSiteByWriteKey, peekSite, type Site } from "../../store/sites";
import { failedLookup, lookupBlocked } from "./lookup-guard";

export async function findSite(env: Env, by: { id: string } | { writeKey: string }, client: string, now: number): Promise<Site | null | "blocked"> {
  const known = await peekSite(by, now);
  if (known !== undefined) return known;
  if (lookupBlocked(client, now)) return "blocked";
  const site = "id" in by ? await cachedSite(by.id, now, (id) => siteById(env, id, now)) : await cachedSiteByWriteKey(by.writeKey, now, (key) => siteByKey(env, "write", key));
  if (!site) await failedLookup(env, client, now);
  return site;
}
