// Sites: ids, allowed domains, keys (stored as SHA-256 hashes), settings and scoring configuration.
import type * as v from "valibot";
import type { SiteSettingsInput } from "../../schema/api";
import { parseScoringConfig, type ScoringConfig } from "../../schema/scoring";
import { DEFAULT_CURRENCY, type KeyKind } from "../../schema/vocabulary";
import { DEFAULT_SCORING } from "../core/scoring";
import { PROFILE_OWNED } from "./commit";
import { KEPT_TABLES } from "./journeys";

export interface SiteSettings {
  retention_days: number;
  excluded_referrers: string[] | null;
  allow_opaque_origins: boolean;
  /** the reporting currency of money reports (docs/MONEY.md) */
  currency: string;
  /** units of `currency` per unit of another currency, e.g. {"USD": 0.92} */
  fx: Record<string, number>;
  /** an account qualifies (account.qualified) when its summed score reaches this, and again only after falling below
   *  it by the hysteresis (docs/ACCOUNTS.md) */
  account_mql_min_score: number;
  account_mql_hysteresis: number;
}

export const DEFAULT_SETTINGS: SiteSettings = {
  retention_days: 396, excluded_referrers: null, allow_opaque_origins: false, currency: DEFAULT_CURRENCY, fx: {}, account_mql_min_score: 100, account_mql_hysteresis: 20,
};

export interface Site {
  id: string;
  name: string;
  domains: string[];
  settings: SiteSettings;
  scoring: ScoringConfig;
  scoring_version: number;
  created_at: number;
  /** signs identify calls (user_hash); kept as is, since verifying an HMAC needs the secret itself */
  identity_secret: string | null;
  /** the D1 binding that holds the site and all its data (worker/shards.ts) */
  shard: string;
}

interface SiteRow {
  id: string;
  name: string;
  domains: string;
  settings: string;
  scoring: string | null;
  scoring_version: number;
  created_at: number;
  identity_secret: string | null;
  shard: string;
}

const SITE_COLUMNS = "id, name, domains, settings, scoring, scoring_version, created_at, identity_secret, shard";

/** Keys are kept only as "sha256:<hex>"; a row written before keys were hashed still holds the key itself. */
export async function keyHash(key: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key));
  return `sha256:${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** A stored configuration was validated when it was saved; one that no longer parses falls back to the default. */
export function scoringOf(json: string | null): ScoringConfig {
  if (!json) return DEFAULT_SCORING;
  const stored = JSON.parse(json) as { behavior?: { rules?: Record<string, unknown>[] } };
  // Rules once had half-lives of their own; every rule now fades at the site's half-life (docs/SCORING.md).
  for (const rule of stored.behavior?.rules ?? []) delete rule.half_life_days;
  const parsed = parseScoringConfig(stored);
  return parsed.ok ? parsed.config : DEFAULT_SCORING;
}

/** Stored settings over the defaults; a null written by PATCH means "back to the default". */
export function settingsOf(stored: Partial<Record<keyof SiteSettings, unknown>>): SiteSettings {
  const out = { ...DEFAULT_SETTINGS } as Record<string, unknown>;
  for (const [k, value] of Object.entries(stored)) if (value !== null && value !== undefined && k in DEFAULT_SETTINGS) out[k] = value;
  // Rates are merged key by key (a null in a PATCH removes one); only usable rates are kept.
  out.fx = Object.fromEntries(Object.entries((out.fx ?? {}) as Record<string, unknown>).filter(([, rate]) => typeof rate === "number" && rate > 0 && Number.isFinite(rate)));
  return out as unknown as SiteSettings;
}

function siteOf(row: SiteRow): Site {
  return { ...row, domains: JSON.parse(row.domains) as string[], settings: settingsOf(JSON.parse(row.settings)), scoring: scoringOf(row.scoring) };
}

export async function getSite(db: D1Database, id: string): Promise<Site | null> {
  const row = await db.prepare(`SELECT ${SITE_COLUMNS} FROM sites WHERE id = ?1`).bind(id).first<SiteRow>();
  return row ? siteOf(row) : null;
}

async function siteByKey(db: D1Database, kind: KeyKind, key: string): Promise<Site | null> {
  const column = kind === "write" ? "write_key" : "read_key";
  const row = await db.prepare(`SELECT ${SITE_COLUMNS} FROM sites WHERE ${column} IN (?1, ?2)`).bind(await keyHash(key), key).first<SiteRow>();
  return row ? siteOf(row) : null;
}

export const siteByWriteKey = (db: D1Database, key: string) => siteByKey(db, "write", key);
export const siteByReadKey = (db: D1Database, key: string) => siteByKey(db, "read", key);

/** The current hash of a site's read key (sessions opened with it end when it changes). */
export async function readKeyHashOf(db: D1Database, site: string): Promise<string | null> {
  const row = await db.prepare("SELECT read_key FROM sites WHERE id = ?1").bind(site).first<{ read_key: string }>();
  if (!row) return null;
  return row.read_key.startsWith("sha256:") ? row.read_key : keyHash(row.read_key);
}

export async function listSites(db: D1Database): Promise<Site[]> {
  const { results } = await db.prepare(`SELECT ${SITE_COLUMNS} FROM sites ORDER BY id`).all<SiteRow>();
  return results.map(siteOf);
}

/** Inserts a site with its keys (hashed here); false when the id is taken. */
export async function insertSite(db: D1Database, site: Omit<Site, "scoring" | "scoring_version" | "settings"> & { settings: Partial<SiteSettings>; write_key: string; read_key: string }): Promise<boolean> {
  const res = await db
    .prepare("INSERT OR IGNORE INTO sites (id, name, domains, write_key, read_key, identity_secret, settings, created_at, shard) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
    .bind(site.id, site.name, JSON.stringify(site.domains), await keyHash(site.write_key), await keyHash(site.read_key), site.identity_secret, JSON.stringify(site.settings), site.created_at, site.shard)
    .run();
  return res.meta.changes === 1;
}

export interface SiteChange {
  name?: string;
  domains?: string[];
  /** merged key by key into the stored settings (null resets a key) */
  settings?: v.InferOutput<typeof SiteSettingsInput>;
}

/** Applies a change; false when there is no such site. */
export async function updateSite(db: D1Database, id: string, change: SiteChange): Promise<boolean> {
  const res = await db
    .prepare(
      `UPDATE sites SET name = COALESCE(?2, name), domains = COALESCE(?3, domains),
         settings = CASE WHEN ?4 IS NULL THEN settings ELSE json_patch(settings, ?4) END
       WHERE id = ?1`,
    )
    .bind(id, change.name ?? null, change.domains ? JSON.stringify(change.domains) : null, change.settings ? JSON.stringify(change.settings) : null)
    .run();
  return res.meta.changes === 1;
}

/** A new key replaces the old one at once (keys hashed; the identity secret as is). */
export async function replaceKey(db: D1Database, id: string, kind: KeyKind, key: string): Promise<boolean> {
  const column = { write: "write_key", read: "read_key", identity: "identity_secret" }[kind];
  const value = kind === "identity" ? key : await keyHash(key);
  const res = await db.prepare(`UPDATE sites SET ${column} = ?2 WHERE id = ?1`).bind(id, value).run();
  return res.meta.changes === 1;
}

/** Rows of a site kept in tables that have a `site` column, deleted with it (profile-owned tables included). */
const SITE_TABLES = [...PROFILE_OWNED, "merges", "profiles", "stats", "webhook_outbox", "dashboard_sessions", "dead_letters", "routing", "routing_rotations", "follow_ups", "feed_tombstones", "costs", "accounts", "archive_objects", "archive_erasures", "events_purged", ...KEPT_TABLES, "journey_rebuilds"] as const;

/** Deletes a site and everything stored about it, in one transaction. */
export async function deleteSite(db: D1Database, id: string): Promise<boolean> {
  const results = await db.batch([
    db.prepare("DELETE FROM webhook_deliveries WHERE subscription_id IN (SELECT id FROM webhook_subscriptions WHERE site = ?1)").bind(id),
    db.prepare("DELETE FROM webhook_subscriptions WHERE site = ?1").bind(id),
    ...SITE_TABLES.map((t) => db.prepare(`DELETE FROM ${t} WHERE site = ?1`).bind(id)),
    db.prepare("DELETE FROM sites WHERE id = ?1").bind(id),
  ]);
  return results[results.length - 1]!.meta.changes === 1;
}

export async function saveScoring(db: D1Database, id: string, config: ScoringConfig): Promise<number> {
  const row = await db
    .prepare("UPDATE sites SET scoring = ?2, scoring_version = scoring_version + 1 WHERE id = ?1 RETURNING scoring_version")
    .bind(id, JSON.stringify(config))
    .first<{ scoring_version: number }>();
  return row?.scoring_version ?? 0;
}

/**
 * Ingest reads sites on every request; a small per-isolate cache keeps D1 off the hot path. It is a bounded LRU
 * (a flood of made-up ids evicts the oldest entries, never the whole cache), and a miss is remembered briefly too.
 */
const CACHE_SIZE = 1000;
const SITE_CACHE_MS = 30_000;
const MISS_CACHE_MS = 2_000;
const cache = new Map<string, { site: Site | null; until: number }>();

/** The cached answer for a key: a site, null (known not to exist), or undefined (not cached: a look-up is needed). */
function peek(key: string, now: number): Site | null | undefined {
  const hit = cache.get(key);
  if (!hit || hit.until <= now) return undefined;
  cache.delete(key);
  cache.set(key, hit); // most recently used last
  return hit.site;
}

/** `lookup: false` answers from the cache alone (undefined when it holds nothing): for clients refused a look-up. */
async function cached(key: string, now: number, load: () => Promise<Site | null>): Promise<Site | null> {
  const hit = peek(key, now);
  if (hit !== undefined) return hit;
  const site = await load();
  cache.delete(key);
  cache.set(key, { site, until: now + (site ? SITE_CACHE_MS : MISS_CACHE_MS) });
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return site;
}

/** A site by id through the cache; `load` reads it when the cache does not know (worker/shards.ts siteById). */
export function cachedSite(id: string, now: number, load: (id: string) => Promise<Site | null>): Promise<Site | null> {
  return cached(`id:${id}`, now, () => load(id));
}

/** Server-side ingestion names its site by write key; the cache holds the key's hash, never the key. */
export async function cachedSiteByWriteKey(key: string, now: number, load: (key: string) => Promise<Site | null>): Promise<Site | null> {
  return cached(`wk:${await keyHash(key)}`, now, () => load(key));
}

/** What the cache alone knows of a site id or write key, without a look-up. */
export async function peekSite(by: { id: string } | { writeKey: string }, now: number): Promise<Site | null | undefined> {
  return peek("id" in by ? `id:${by.id}` : `wk:${await keyHash(by.writeKey)}`, now);
}

/** After a change, a site is read again from D1 (in this isolate at once; elsewhere within SITE_CACHE_MS). */
export function forgetCachedSite(id: string): void {
  for (const [key, entry] of cache) if (key === `id:${id}` || entry.site?.id === id) cache.delete(key);
}
