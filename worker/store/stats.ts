// Daily counters per site: accepted at ingest, stored after the queue, dropped by reason (site "" counts what named no
// known site), and the origins whose beacons were refused.
import { DROP_REASONS } from "../../schema/vocabulary";
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
  /** queue messages kept as dead letters (GET /api/v1/dead-letters) */
  dead_letters: number;
  /** every drop reason (DROP_REASONS), zero when nothing was dropped for it */
  dropped: Record<string, number>;
  /** origins whose beacons were refused, most refused first, with how many events */
  refused_origins: { origin: string; events: number; last_day: string }[];
  /** when the newest stored event was received (ISO-8601), or null before the first */
  last_event_at: string | null;
  days: { day: string; accepted: number; stored: number }[];
}

/** A site's counters summed over the databases that keep them (the control database and the site's shard). */
export async function siteStats(dbs: D1Database[], site: string, range: { from: string; to: string }): Promise<SiteStats> {
  const read = await Promise.all(dbs.map((db) => db
    .prepare("SELECT day, metric, SUM(n) AS n FROM stats WHERE site = ?1 AND day BETWEEN ?2 AND ?3 GROUP BY day, metric")
    .bind(site, range.from, range.to)
    .all<{ day: string; metric: string; n: number }>()));
  const results = read.flatMap((r) => r.results).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const lasts = await Promise.all(dbs.map((db) => db.prepare("SELECT MAX(received_at) AS at FROM events WHERE site = ?1").bind(site).first<{ at: number | null }>()));
  const last = { at: Math.max(0, ...lasts.map((l) => l?.at ?? 0)) || null };
  const dropped = Object.fromEntries(DROP_REASONS.filter((r) => site !== "" || r === "unknown_site" || r === "invalid" || r === "rate_limited").map((r) => [r, 0]));
  const out: SiteStats = { events_accepted: 0, events_stored: 0, dead_letters: 0, dropped, refused_origins: [], last_event_at: last?.at ? new Date(last.at).toISOString() : null, days: [] };
  const days = new Map<string, { day: string; accepted: number; stored: number }>();
  const origins = new Map<string, { origin: string; events: number; last_day: string }>();
  for (const r of results) {
    const d = days.get(r.day) ?? { day: r.day, accepted: 0, stored: 0 };
    days.set(r.day, d);
    if (r.metric === "accepted") (out.events_accepted += r.n), (d.accepted += r.n);
    else if (r.metric === "stored") (out.events_stored += r.n), (d.stored += r.n);
    else if (r.metric === "dead_lettered") out.dead_letters += r.n;
    else if (r.metric.startsWith("dropped:")) out.dropped[r.metric.slice(8)] = (out.dropped[r.metric.slice(8)] ?? 0) + r.n;
    else if (r.metric.startsWith("refused_origin:")) {
      const origin = r.metric.slice("refused_origin:".length);
      const o = origins.get(origin) ?? { origin, events: 0, last_day: r.day };
      origins.set(origin, { origin, events: o.events + r.n, last_day: r.day > o.last_day ? r.day : o.last_day });
    }
  }
  out.refused_origins = [...origins.values()].sort((a, b) => b.events - a.events).slice(0, 20);
  out.days = [...days.values()];
  return out;
}
