// Daily counters per site: accepted at ingest, stored after the queue, dropped by reason.
const UPSERT_STATS = `
INSERT INTO stats (site, day, metric, n)
SELECT j.value->>'site', j.value->>'day', j.value->>'metric', j.value->>'n' FROM json_each(?1) j WHERE true
ON CONFLICT (site, day, metric) DO UPDATE SET n = n + excluded.n`;

/** How much a counter of one site and UTC day grows. */
export interface StatRow {
  site: string;
  day: string;
  metric: string;
  n: number;
}

export function statsStatement(db: D1Database, rows: StatRow[]): D1PreparedStatement {
  return db.prepare(UPSERT_STATS).bind(JSON.stringify(rows));
}

export async function bumpStats(db: D1Database, rows: StatRow[]): Promise<void> {
  if (rows.length) await statsStatement(db, rows).run();
}

export interface SiteStats {
  events_accepted: number;
  events_stored: number;
  dropped: Record<string, number>;
  days: { day: string; accepted: number; stored: number }[];
}

export async function siteStats(db: D1Database, site: string, range: { from: string; to: string }): Promise<SiteStats> {
  const { results } = await db
    .prepare("SELECT day, metric, SUM(n) AS n FROM stats WHERE site = ?1 AND day BETWEEN ?2 AND ?3 GROUP BY day, metric ORDER BY day")
    .bind(site, range.from, range.to)
    .all<{ day: string; metric: string; n: number }>();
  const out: SiteStats = { events_accepted: 0, events_stored: 0, dropped: { bot: 0, invalid: 0 }, days: [] };
  const days = new Map<string, { day: string; accepted: number; stored: number }>();
  for (const r of results) {
    const d = days.get(r.day) ?? { day: r.day, accepted: 0, stored: 0 };
    days.set(r.day, d);
    if (r.metric === "accepted") (out.events_accepted += r.n), (d.accepted += r.n);
    else if (r.metric === "stored") (out.events_stored += r.n), (d.stored += r.n);
    else if (r.metric.startsWith("dropped:")) out.dropped[r.metric.slice(8)] = (out.dropped[r.metric.slice(8)] ?? 0) + r.n;
  }
  out.days = [...days.values()];
  return out;
}
