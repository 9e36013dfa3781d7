// The directory of sites in the control database: which shard holds each site (worker/shards.ts).

export async function shardOfSite(control: D1Database, site: string): Promise<string | null> {
  const row = await control.prepare("SELECT shard FROM site_shards WHERE site = ?1").bind(site).first<{ shard: string }>();
  return row?.shard ?? null;
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
