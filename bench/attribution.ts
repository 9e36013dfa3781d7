// Part 3: attribution report latency for every model at 10k and 100k profiles of ~10 touches, in local D1.
// The data is generated inside SQLite (a recursive CTE), then its journeys are built in one SQL script (timed apart):
// the report is what is measured.
import { MODELS } from "../schema/vocabulary";
import { rebuildSiteSql } from "../worker/store/journeys";
import { benchCollector, type BenchCollector } from "./collector";
import { percentile } from "./load";

const CHANNELS = ["Organic Search", "Paid Search", "Email", "Organic Social", "Paid Social", "Direct", "Referral", "Display", "AI Assistant", "Affiliates", "Organic Video", "SMS"];

/**
 * `distinct`: each touch's channel is drawn at random (12 channels, 10 touches), so nearly every path is unique — the
 * worst case for pre-aggregated journeys (one day row per conversion). By default paths repeat as a pattern of the
 * profile number (a few hundred distinct channel paths).
 */
export function seedSql(site: string, profiles: number, touchesEach: number, shape: { distinct?: boolean } = {}): string {
  const pick = shape.distinct ? "abs(random())" : "(n * 7 + j * 13 + (n / 3) * j)";
  const channels = JSON.stringify(CHANNELS).replaceAll("'", "''");
  // First touches spread evenly over 390 days (13 months, the default retention), so a report over all time reads
  // every day's paths; each profile's 10 touches are 12 hours apart and its lead (one in three) follows the last.
  const start = Date.now() - 400 * 86_400_000;
  const step = Math.floor((390 * 86_400_000) / profiles);
  return `
INSERT OR IGNORE INTO sites (id, name, domains, write_key, read_key, settings, created_at)
VALUES ('${site}', 'Bench ${site}', '["localhost"]', 'wk-${site}', 'rk-${site}', '{}', 0);
INSERT OR IGNORE INTO site_shards (site, shard, created_at) VALUES ('${site}', 'DB', 0);
WITH RECURSIVE p(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM p WHERE n < ${profiles - 1}),
     k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < ${touchesEach - 1})
INSERT INTO touches (site, id, profile_id, at, channel, source, medium, campaign)
SELECT '${site}', 's' || n || '-' || j, '${site}-p' || n, ${start} + n * ${step} + j * 43200000,
       json_extract('${channels}', '$[' || (${pick} % ${CHANNELS.length}) || ']'),
       'src' || ((n + j) % 9), 'med' || (j % 4), 'camp' || ((n * j) % 15)
FROM p, k;
INSERT INTO conversions (id, site, profile_id, kind, name, at, value)
SELECT 'lead:${site}-p' || n, '${site}', '${site}-p' || n, 'lead', NULL, ${start} + n * ${step} + ${touchesEach} * 43200000, 0
FROM (WITH RECURSIVE p(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM p WHERE n < ${profiles - 1}) SELECT n FROM p) WHERE n % 3 = 0;`;
}

export interface AttributionFigure {
  profiles: number;
  touches: number;
  model: string;
  medianMs: number;
  maxMs: number;
  conversions: number;
}

async function timeReport(c: BenchCollector, site: string, model: string, runs: number, extra = "") {
  const times: number[] = [];
  let conversions = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await c.api<{ total_conversions: number }>(`/api/v1/attribution?site=${site}&model=${model}${extra}`);
    times.push(performance.now() - t0);
    conversions = r.total_conversions;
  }
  times.sort((a, b) => a - b);
  return { medianMs: percentile(times, 50), maxMs: times[times.length - 1]!, conversions };
}

/** How long building the seeded touches' journeys took (the consumer does this batch by batch; seeding skips it). */
export interface JourneyBuild {
  profiles: number;
  ms: number;
  /** rows an all-time report by channel reads: credits per day and key, and Markov's steps per day */
  creditRows: number;
  stepRows: number;
  /** the database's size with touches and conversions seeded, and with their journeys built too */
  bytesBefore: number;
  bytesAfter: number;
}

export async function benchAttribution(options: { scales: number[]; touchesEach: number; runs: number; distinct?: boolean }): Promise<{ figures: AttributionFigure[]; builds: JourneyBuild[] }> {
  const c = await benchCollector();
  const out: AttributionFigure[] = [];
  const builds: JourneyBuild[] = [];
  try {
    for (const profiles of options.scales) {
      const site = `bench${profiles}`;
      await c.sql(seedSql(site, profiles, options.touchesEach, { distinct: options.distinct }));
      const seeded = c.bytes();
      const t0 = performance.now();
      await c.sql(rebuildSiteSql(site));
      const ms = performance.now() - t0;
      const count = async (table: string) => (await c.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE site = '${site}' AND group_by = 'channel' AND conversion IN ('lead', '*')`))[0]?.n ?? 0;
      builds.push({ profiles, ms, creditRows: await count("journey_credits"), stepRows: await count("journey_steps"), bytesBefore: seeded, bytesAfter: c.bytes() });
      await c.api(`/api/v1/attribution?site=${site}&model=first_touch`); // warm the isolate
      for (const model of MODELS) {
        out.push({ profiles, touches: profiles * options.touchesEach, model, ...(await timeReport(c, site, model, options.runs)) });
      }
      // time_decay at another half-life than the kept one weighs every converting journey in the Worker; a 30-day range
      // reads part-day rows at both ends.
      const month = `&from=${new Date(Date.now() - 40 * 86_400_000).toISOString()}&to=${new Date(Date.now() - 10 * 86_400_000).toISOString()}`;
      for (const [label, model, extra] of [["time_decay, half_life_days=3", "time_decay", "&half_life_days=3"], ["markov, 30 days", "markov", month]] as const) {
        out.push({ profiles, touches: profiles * options.touchesEach, model: label, ...(await timeReport(c, site, model, options.runs, extra)) });
      }
    }
  } finally {
    await c.stop();
  }
  return { figures: out, builds };
}
