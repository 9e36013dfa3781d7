// Part 3: attribution report latency for every model at 10k and 100k profiles of ~10 touches, in local D1.
// The data is generated inside SQLite (a recursive CTE) — the report is what is measured, not the seeding.
import { MODELS } from "../schema/vocabulary";
import { benchCollector, type BenchCollector } from "./collector";
import { percentile } from "./load";

const CHANNELS = ["Organic Search", "Paid Search", "Email", "Organic Social", "Paid Social", "Direct", "Referral", "Display", "AI Assistant", "Affiliates", "Organic Video", "SMS"];

export function seedSql(site: string, profiles: number, touchesEach: number): string {
  const channels = JSON.stringify(CHANNELS).replaceAll("'", "''");
  const start = Date.now() - 90 * 86_400_000;
  return `
INSERT OR IGNORE INTO sites (id, name, domains, write_key, read_key, settings, created_at)
VALUES ('${site}', 'Bench ${site}', '["localhost"]', 'wk-${site}', 'rk-${site}', '{}', 0);
WITH RECURSIVE p(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM p WHERE n < ${profiles - 1}),
     k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < ${touchesEach - 1})
INSERT INTO touches (site, id, profile_id, at, channel, source, medium, campaign)
SELECT '${site}', 's' || n || '-' || j, '${site}-p' || n, ${start} + n * 37 + j * 43200000,
       json_extract('${channels}', '$[' || ((n * 7 + j * 13 + (n / 3) * j) % ${CHANNELS.length}) || ']'),
       'src' || ((n + j) % 9), 'med' || (j % 4), 'camp' || ((n * j) % 15)
FROM p, k;
INSERT INTO conversions (id, site, profile_id, kind, name, at, value)
SELECT 'lead:${site}-p' || n, '${site}', '${site}-p' || n, 'lead', NULL, ${start} + n * 37 + ${touchesEach} * 43200000, 0
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

async function timeReport(c: BenchCollector, site: string, model: string, runs: number) {
  const times: number[] = [];
  let conversions = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await c.api<{ total_conversions: number }>(`/api/v1/attribution?site=${site}&model=${model}`);
    times.push(performance.now() - t0);
    conversions = r.total_conversions;
  }
  times.sort((a, b) => a - b);
  return { medianMs: percentile(times, 50), maxMs: times[times.length - 1]!, conversions };
}

export async function benchAttribution(options: { scales: number[]; touchesEach: number; runs: number }): Promise<AttributionFigure[]> {
  const c = await benchCollector();
  const out: AttributionFigure[] = [];
  try {
    for (const profiles of options.scales) {
      const site = `bench${profiles}`;
      await c.sql(seedSql(site, profiles, options.touchesEach));
      await c.api(`/api/v1/attribution?site=${site}&model=first_touch`); // warm the isolate
      for (const model of MODELS) {
        out.push({ profiles, touches: profiles * options.touchesEach, model, ...(await timeReport(c, site, model, options.runs)) });
      }
    }
  } finally {
    await c.stop();
  }
  return out;
}
