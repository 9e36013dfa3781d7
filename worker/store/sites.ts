// Sites: ids, allowed domains, keys, settings and scoring configuration.
import { DEFAULT_SCORING } from "../core/scoring";
import { parseScoringConfig, type ScoringConfig } from "../../schema/scoring";

export interface SiteSettings {
  retention_days: number;
  excluded_referrers: string[] | null;
}

export interface Site {
  id: string;
  name: string;
  domains: string[];
  write_key: string;
  read_key: string;
  settings: SiteSettings;
  scoring: ScoringConfig;
  scoring_version: number;
  created_at: number;
}

interface SiteRow {
  id: string;
  name: string;
  domains: string;
  write_key: string;
  read_key: string;
  settings: string;
  scoring: string | null;
  scoring_version: number;
  created_at: number;
}

export const DEFAULT_SETTINGS: SiteSettings = { retention_days: 396, excluded_referrers: null };

/** A stored configuration was validated when it was saved; a row that no longer parses falls back to the default. */
export function scoringOf(json: string | null): ScoringConfig {
  if (!json) return DEFAULT_SCORING;
  const parsed = parseScoringConfig(JSON.parse(json));
  return parsed.ok ? parsed.config : DEFAULT_SCORING;
}

function siteOf(row: SiteRow): Site {
  return {
    ...row,
    domains: JSON.parse(row.domains) as string[],
    settings: { ...DEFAULT_SETTINGS, ...(JSON.parse(row.settings) as Partial<SiteSettings>) },
    scoring: scoringOf(row.scoring),
  };
}

export async function getSite(db: D1Database, id: string): Promise<Site | null> {
  const row = await db.prepare("SELECT * FROM sites WHERE id = ?1").bind(id).first<SiteRow>();
  return row ? siteOf(row) : null;
}

export async function siteByWriteKey(db: D1Database, key: string): Promise<Site | null> {
  const row = await db.prepare("SELECT * FROM sites WHERE write_key = ?1").bind(key).first<SiteRow>();
  return row ? siteOf(row) : null;
}

export async function siteByReadKey(db: D1Database, key: string): Promise<Site | null> {
  const row = await db.prepare("SELECT * FROM sites WHERE read_key = ?1").bind(key).first<SiteRow>();
  return row ? siteOf(row) : null;
}

export async function listSites(db: D1Database): Promise<Site[]> {
  const { results } = await db.prepare("SELECT * FROM sites ORDER BY id").all<SiteRow>();
  return results.map(siteOf);
}

/** Inserts a site; false when the id is taken. */
export async function insertSite(db: D1Database, site: Omit<Site, "scoring" | "scoring_version">): Promise<boolean> {
  const res = await db
    .prepare("INSERT OR IGNORE INTO sites (id, name, domains, write_key, read_key, settings, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
    .bind(site.id, site.name, JSON.stringify(site.domains), site.write_key, site.read_key, JSON.stringify(site.settings), site.created_at)
    .run();
  return res.meta.changes === 1;
}

export async function saveScoring(db: D1Database, id: string, config: ScoringConfig): Promise<number> {
  const row = await db
    .prepare("UPDATE sites SET scoring = ?2, scoring_version = scoring_version + 1 WHERE id = ?1 RETURNING scoring_version")
    .bind(id, JSON.stringify(config))
    .first<{ scoring_version: number }>();
  return row?.scoring_version ?? 0;
}

const cache = new Map<string, { site: Site | null; until: number }>();
const SITE_CACHE_MS = 30_000;

async function cached(key: string, now: number, load: () => Promise<Site | null>): Promise<Site | null> {
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.site;
  const site = await load();
  if (cache.size > 1000) cache.clear();
  cache.set(key, { site, until: now + (site ? SITE_CACHE_MS : 2_000) });
  return site;
}

/** Ingest reads sites on every request; a short per-isolate cache keeps D1 off the hot path. */
export function cachedSite(db: D1Database, id: string, now: number): Promise<Site | null> {
  return cached(`id:${id}`, now, () => getSite(db, id));
}

/** The same for server-side ingestion, which names its site by write key. */
export function cachedSiteByWriteKey(db: D1Database, key: string, now: number): Promise<Site | null> {
  return cached(`wk:${key}`, now, () => siteByWriteKey(db, key));
}

export function forgetCachedSite(id: string): void {
  for (const [key, entry] of cache) if (key === `id:${id}` || entry.site?.id === id) cache.delete(key);
}
