// The directory of sites in the control database: which shard holds each site (worker/shards.ts).

export async function shardOfSite(control: D1Database, site: string): Promise<string | null> {
  const row = await control.prepare("SELECT shard FROM site_shards WHERE site = ?1").bind(site).first<{ shard: string }>();
  return row?.shard ?? null;
}

/** The shards of several sites at once (sites not in the directory are left out). */
export async function shardsOfSites(control: D1Database, sites: readonly string[]): Promise<Map<string, string>> {
  if (sites.length === 0) return new Map();
  const { results } = await control
    .prepare("SELECT site, shard FROM site_shards WHERE site IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify(sites))
    .all<{ site: string; shard: string }>();
  return new Map(results.map((r) => [r.site, r.shard]));
}

/** Sites per shard. */
export async function shardLoads(control: D1Database): Promise<Map<string, number>> {
  const { results } = await control.prepare("SELECT shard, COUNT(*) AS n FROM site_shards GROUP BY shard").all<{ shard: string; n: number }>();
  return new Map(results.map((r) => [r.shard, r.n]));
}

/** Claims a site id for a shard; false when another site holds the id. */
export async function claimSite(control: D1Database, site: string, shard: string, now: number): Promise<boolean> {
  const res = await control.prepare("INSERT OR IGNORE INTO site_shards (site, shard, created_at) VALUES (?1, ?2, ?3)").bind(site, shard, now).run();
  return res.meta.changes === 1;
}

/** Gives an id back when the site's row could not be written after its claim. */
export async function unclaimSite(control: D1Database, site: string, shard: string): Promise<void> {
  await control.prepare("DELETE FROM site_shards WHERE site = ?1 AND shard = ?2").bind(site, shard).run();
}

/** Forgets a site in the directory and what the control database keeps of it (dashboard sessions, dead letters with
 *  their bodies, counters). */
export async function releaseSite(control: D1Database, site: string): Promise<void> {
  await control.batch([
    control.prepare("DELETE FROM dashboard_sessions WHERE site = ?1").bind(site),
    control.prepare("DELETE FROM dead_letters WHERE site = ?1").bind(site),
    control.prepare("DELETE FROM stats WHERE site = ?1").bind(site),
    control.prepare("DELETE FROM site_shards WHERE site = ?1").bind(site),
  ]);
}
