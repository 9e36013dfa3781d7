// Dashboard reads the API has no endpoint for: the overview's daily series and channels, a profile's touches, and
// the custom conversion names a site has. Days are whole UTC days since 1970 (at / 86 400 000).

/** A count for one day; `day` is whole UTC days since 1970. */
export interface DayCount {
  day: number;
  n: number;
}

export interface OverviewQuery {
  site: string;
  /** epoch ms, inclusive */
  from: number;
  to: number;
}

export interface ChannelRow {
  channel: string;
  sessions: number;
  visitors: number;
}

export interface Overview {
  visitors: DayCount[];
  sessions: DayCount[];
  leads: DayCount[];
  mqls: DayCount[];
  /** distinct over the whole range (a visitor seen on two days counts once) */
  totalVisitors: number;
  channels: ChannelRow[];
}

const DAY = "CAST(at / 86400000 AS INTEGER)";

/** A stage conversion counts once per profile, when first reached — the same rule attribution uses. */
const firstConversions = (kind: "lead" | "mql") => `
SELECT ${DAY} AS day, COUNT(*) AS n FROM (
  SELECT profile_id, MIN(at) AS at FROM conversions WHERE site = ?1 AND kind = '${kind}' GROUP BY profile_id
) WHERE at BETWEEN ?2 AND ?3 GROUP BY day`;

export async function overviewOf(db: D1Database, q: OverviewQuery): Promise<Overview> {
  const bind = (sql: string) => db.prepare(sql).bind(q.site, q.from, q.to);
  const [visitors, sessions, leads, mqls, total, channels] = await db.batch<Record<string, unknown>>([
    bind(`SELECT ${DAY} AS day, COUNT(DISTINCT profile_id) AS n FROM events WHERE site = ?1 AND at BETWEEN ?2 AND ?3 GROUP BY day`),
    bind(`SELECT ${DAY} AS day, COUNT(*) AS n FROM touches WHERE site = ?1 AND at BETWEEN ?2 AND ?3 GROUP BY day`),
    bind(firstConversions("lead")),
    bind(firstConversions("mql")),
    bind("SELECT COUNT(DISTINCT profile_id) AS n FROM events WHERE site = ?1 AND at BETWEEN ?2 AND ?3"),
    bind(`SELECT channel, COUNT(*) AS sessions, COUNT(DISTINCT profile_id) AS visitors FROM touches
          WHERE site = ?1 AND at BETWEEN ?2 AND ?3 GROUP BY channel ORDER BY sessions DESC, channel LIMIT 20`),
  ]);
  const days = (r: { results: Record<string, unknown>[] } | undefined) => (r?.results ?? []).map((x) => ({ day: Number(x.day), n: Number(x.n) }));
  return {
    visitors: days(visitors),
    sessions: days(sessions),
    leads: days(leads),
    mqls: days(mqls),
    totalVisitors: Number(total?.results[0]?.n ?? 0),
    channels: (channels?.results ?? []).map((r) => ({ channel: String(r.channel), sessions: Number(r.sessions), visitors: Number(r.visitors) })),
  };
}

export interface TouchRow {
  id: string;
  at: number;
  channel: string;
  source: string | null;
  medium: string | null;
  campaign: string | null;
  term: string | null;
  content: string | null;
  referrer: string | null;
  landing_page: string | null;
  click_id: string | null;
}

/** A profile's journey: its session starts in time order (merges already pointed them at the survivor). */
export async function profileTouches(db: D1Database, profileId: string, limit = 200): Promise<TouchRow[]> {
  const { results } = await db
    .prepare(
      `SELECT id, at, channel, source, medium, campaign, term, content, referrer, landing_page, click_id
       FROM touches WHERE profile_id = ?1 ORDER BY at, id LIMIT ?2`,
    )
    .bind(profileId, limit)
    .all<TouchRow>();
  return results;
}

export interface ConversionRow {
  kind: string;
  name: string | null;
  at: number;
  value: number | null;
}

/** A profile's conversions in time order: stages reached and custom conversion events. */
export async function profileConversions(db: D1Database, profileId: string, limit = 200): Promise<ConversionRow[]> {
  const { results } = await db
    .prepare("SELECT kind, name, at, value FROM conversions WHERE profile_id = ?1 ORDER BY at, id LIMIT ?2")
    .bind(profileId, limit)
    .all<ConversionRow>();
  return results;
}

/** Custom conversion event names seen on a site, for the attribution page's conversion picker. */
export async function conversionNames(db: D1Database, site: string, limit = 50): Promise<string[]> {
  const { results } = await db
    .prepare("SELECT DISTINCT name FROM conversions WHERE site = ?1 AND kind = 'event' AND name IS NOT NULL ORDER BY name LIMIT ?2")
    .bind(site, limit)
    .all<{ name: string }>();
  return results.map((r) => r.name);
}
