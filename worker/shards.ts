// Shards: sites are spread over D1 databases bound as DB, DB_2, DB_3 … A site lives whole in one shard (its row, keys,
// profiles, events, journeys, webhooks); each shard has its own EVENTS and WEBHOOKS queues (pista-events-2,
// pista-webhooks-2 …), so each shard's single writer stays single. DB is also the control database: the directory of
// sites (site_shards), dashboard sessions, and counters of requests that named no known site. docs/SCALING.md "Shards".
import type { Env } from "./env";
import { claimSite, shardLoads, shardOfSite } from "./store/directory";
import { getSite, listSites, siteByReadKey, siteByWriteKey, type Site } from "./store/sites";

/** The control database's binding, which is also the first shard. */
export const CONTROL = "DB";

const SHARD_BINDING = /^DB_([A-Za-z0-9]+)$/;

/** Every shard bound to this Worker: DB first, then DB_2, DB_3 … in numeric order. */
export function shardNames(env: Env): string[] {
  // a binding, not a variable that happens to be named DB_something
  const more = Object.keys(env).filter((k) => SHARD_BINDING.test(k) && typeof env[k as `DB_${string}`]?.prepare === "function");
  return [CONTROL, ...more.sort((a, b) => a.localeCompare(b, "en", { numeric: true }))];
}

const suffixOf = (shard: string) => (shard === CONTROL ? "" : `_${SHARD_BINDING.exec(shard)?.[1] ?? ""}`);

export function shardDb(env: Env, shard: string): D1Database {
  const db = shard === CONTROL ? env.DB : env[shard as `DB_${string}`];
  if (!db) throw new Error(`No D1 binding ${shard}: a site is placed on a shard this Worker does not bind.`);
  return db;
}

/** The Worker's bindings as one shard sees them: DB, EVENTS and WEBHOOKS are that shard's. Everything that works on
 *  one site's data (the consumer, sweeps, rescoring, erasure) runs in such an env and never sees another shard. */
export function shardEnv(env: Env, shard: string): Env {
  if (shard === CONTROL) return env;
  const db = shardDb(env, shard);
  const suffix = suffixOf(shard);
  const events = env[`EVENTS${suffix}` as `EVENTS_${string}`];
  const webhooks = env[`WEBHOOKS${suffix}` as `WEBHOOKS_${string}`];
  if (!events || !webhooks) throw new Error(`Shard ${shard} needs the queue bindings EVENTS${suffix} and WEBHOOKS${suffix}.`);
  return { ...env, DB: db, EVENTS: events, WEBHOOKS: webhooks, CONTROL_DB: controlDb(env) };
}

/** The shard whose queue a batch came from: pista-events → DB, pista-events-2 (and its -dlq) → DB_2. */
export function shardOfQueue(queue: string): string {
  const m = /^pista-(?:events|webhooks)-(?!dlq$)([A-Za-z0-9]+)(?:-dlq)?$/.exec(queue);
  return m ? `DB_${m[1]}` : CONTROL;
}

/** A site's shard env, found through the directory (cached per isolate); null for an unknown site. */
export async function siteShardEnv(env: Env, site: string, now: number): Promise<Env | null> {
  const shard = await cachedShardOf(controlDb(env), site, now);
  return shard ? shardEnv(env, shard) : null;
}

/** The control database, from any env (a shard's included): dead letters and the directory live there. */
export const controlDb = (env: Env): D1Database => env.CONTROL_DB ?? env.DB;

export const envOfSite = (env: Env, site: { shard: string }): Env => shardEnv(env, site.shard);
export const dbOfSite = (env: Env, site: { shard: string }): D1Database => shardDb(env, site.shard);

const SHARD_CACHE_MS = 30_000;
const SHARD_CACHE_SIZE = 5000;
const shardCache = new Map<string, { shard: string | null; until: number }>();

async function cachedShardOf(control: D1Database, site: string, now: number): Promise<string | null> {
  const hit = shardCache.get(site);
  if (hit && hit.until > now) return hit.shard;
  const shard = await shardOfSite(control, site);
  shardCache.set(site, { shard, until: now + (shard ? SHARD_CACHE_MS : 2_000) });
  while (shardCache.size > SHARD_CACHE_SIZE) shardCache.delete(shardCache.keys().next().value!);
  return shard;
}

export function forgetCachedShard(site: string): void {
  shardCache.delete(site);
}

/** The shards that take new sites: NEW_SITE_SHARDS (comma-separated) or every shard. */
export function openShards(env: Env): string[] {
  const all = shardNames(env);
  const listed = env.NEW_SITE_SHARDS?.split(",").map((s) => s.trim()).filter(Boolean);
  if (!listed?.length) return all;
  const unknown = listed.filter((s) => !all.includes(s));
  if (unknown.length) throw new Error(`NEW_SITE_SHARDS names ${unknown.join(", ")}, which this Worker does not bind.`);
  return listed;
}

/** The shard with the fewest sites; the first listed among equals. */
export function leastLoaded(open: readonly string[], loads: ReadonlyMap<string, number>): string {
  if (open.length === 0) throw new Error("No shard takes new sites.");
  return open.reduce((best, s) => ((loads.get(s) ?? 0) < (loads.get(best) ?? 0) ? s : best));
}

/** Places a new site: on the shard asked for, else the open shard holding the fewest sites. The directory's primary
 *  key makes the id unique over every shard; false when it is taken. */
export async function placeSite(env: Env, site: string, now: number, asked?: string): Promise<string | false> {
  const shard = asked ?? leastLoaded(openShards(env), await shardLoads(controlDb(env)));
  shardEnv(env, shard); // its database and queues are bound
  if (!(await claimSite(controlDb(env), site, shard, now))) return false;
  forgetCachedShard(site);
  return shard;
}


/** A site by id: the directory names its shard, the shard holds its row. A cached shard that no longer holds the site
 *  (deleted, perhaps made again on another shard) is asked of the directory again. A site made in DB by a version
 *  before shards, after migration 0014 ran, is entered into the directory when first found. */
export async function siteById(env: Env, id: string, now = Date.now()): Promise<Site | null> {
  const control = controlDb(env);
  let shard = await cachedShardOf(control, id, now);
  let site = shard ? await getSite(shardDb(env, shard), id) : null;
  if (shard && !site) {
    forgetCachedShard(id);
    const current = await shardOfSite(control, id);
    site = current && current !== shard ? await getSite(shardDb(env, current), id) : null;
    shard = current;
  }
  if (!shard) {
    site = await getSite(control, id);
    if (site) await claimSite(control, id, CONTROL, site.created_at);
  }
  return site;
}

/** A site by one of its keys: each shard is asked at once (keys are found by their hash, through an index). */
export async function siteByKey(env: Env, kind: "write" | "read", key: string): Promise<Site | null> {
  const find = kind === "write" ? siteByWriteKey : siteByReadKey;
  const found = await Promise.all(shardNames(env).map((s) => find(shardDb(env, s), key)));
  return found.find((site) => site !== null) ?? null;
}

/** Every site of every shard, by id. */
export async function allSites(env: Env): Promise<Site[]> {
  const lists = await Promise.all(shardNames(env).map((s) => listSites(shardDb(env, s))));
  return lists.flat().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Runs `work` in each shard's env, one shard after another. A shard that fails does not stop the others; the first
 *  failure is thrown once all have run. */
export async function eachShard<T>(env: Env, work: (shard: Env, name: string) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  const failures: unknown[] = [];
  for (const name of shardNames(env)) {
    try {
      out.push(await work(shardEnv(env, name), name));
    } catch (err) {
      failures.push(err);
    }
  }
  if (failures.length) throw failures[0];
  return out;
}

/** A row found by an id that is unique over every shard (profiles, accounts, webhooks, dead letters): each shard is
 *  asked at once, and the one that holds it answers. */
export async function findInShards<T>(env: Env, find: (db: D1Database) => Promise<T | null | undefined>): Promise<{ found: T; env: Env } | null> {
  const names = shardNames(env);
  const found = await Promise.all(names.map((s) => find(shardDb(env, s))));
  const i = found.findIndex((f) => f !== null && f !== undefined);
  return i < 0 ? null : { found: found[i]!, env: shardEnv(env, names[i]!) };
}
