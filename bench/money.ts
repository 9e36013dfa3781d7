// Part 6: the channel report with money (GET /api/v1/reports/channels) for every model at 100k profiles / 1M touches,
// in local D1. The attribution part's seeding gives the touches and leads; on top of it, in SQLite: later stages,
// profile rows (some junk, customers with deals in two currencies), orders and a quarter of daily costs.
import { MODELS } from "../schema/vocabulary";
import { KEPT_TABLES, rebuildSiteSql } from "../worker/store/journeys";
import { seedSql } from "./attribution";
import { benchCollector } from "./collector";
import { percentile } from "./load";

const DAY = 86_400_000;

/** The profile number inside an id like "bench100000-p42". */
const n = (site: string, column = "profile_id") => `CAST(substr(${column}, ${site.length + 3}) AS INTEGER)`;

export function moneySeedSql(site: string): string {
  const start = Date.now() - 90 * DAY;
  return `
UPDATE sites SET settings = '{"currency":"EUR","fx":{"USD":0.92}}' WHERE id = '${site}';
INSERT INTO conversions (site, id, profile_id, kind, name, at, value)
SELECT site, 'mql:' || profile_id, profile_id, 'mql', NULL, at + ${2 * DAY}, 0 FROM conversions WHERE site = '${site}' AND kind = 'lead' AND ${n(site)} % 6 = 0;
INSERT INTO conversions (site, id, profile_id, kind, name, at, value)
SELECT site, 'sql:' || profile_id, profile_id, 'sql', NULL, at + ${2 * DAY}, 0 FROM conversions WHERE site = '${site}' AND kind = 'mql' AND ${n(site)} % 12 = 0;
INSERT INTO conversions (site, id, profile_id, kind, name, at, value)
SELECT site, 'customer:' || profile_id, profile_id, 'customer', NULL, at + ${2 * DAY}, 0 FROM conversions WHERE site = '${site}' AND kind = 'sql' AND ${n(site)} % 24 = 0;
INSERT INTO conversions (site, id, profile_id, kind, name, at, value, currency)
SELECT site, 'event:o' || profile_id, profile_id, 'event', 'Order Completed', at + ${DAY}, 50 + ${n(site)} % 200, CASE WHEN ${n(site)} % 48 = 0 THEN 'USD' ELSE 'EUR' END
FROM conversions WHERE site = '${site}' AND kind = 'customer';
INSERT INTO profiles (id, site, stage, label, quality, doc, first_seen, last_seen, updated_at, seq, disposition, deal_amount, deal_currency)
SELECT c.profile_id, c.site, 'lead', 'browser', CASE WHEN ${n(site, "c.profile_id")} % 5 = 0 THEN 'junk' ELSE 'valid' END, '{}', ${start}, ${start}, ${start},
       ${n(site, "c.profile_id")}, NULL,
       CASE WHEN k.profile_id IS NULL THEN NULL ELSE 1000 + ${n(site, "c.profile_id")} % 5000 END,
       CASE WHEN k.profile_id IS NULL THEN NULL WHEN ${n(site, "c.profile_id")} % 48 = 0 THEN 'USD' ELSE 'EUR' END
FROM conversions c LEFT JOIN conversions k ON k.site = c.site AND k.kind = 'customer' AND k.profile_id = c.profile_id
WHERE c.site = '${site}' AND c.kind = 'lead';
WITH RECURSIVE d(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM d WHERE i < 89),
               k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < 59)
INSERT INTO costs (site, day, source, medium, campaign, amount, currency, imported_at)
SELECT '${site}', date(${start / 1000} + i * 86400, 'unixepoch'), 'src' || (j % 9), 'med' || (j % 4), 'camp' || (j % 15), 10 + (i * 7 + j) % 90,
       CASE WHEN j % 5 = 0 THEN 'USD' ELSE 'EUR' END, 0
FROM d, k;`;
}

export interface MoneyFigure {
  profiles: number;
  touches: number;
  range: string;
  model: string;
  medianMs: number;
  maxMs: number;
  leads: number;
  customers: number;
  rows: number;
}

export interface MoneyBench {
  figures: MoneyFigure[];
  /** rows of each kept table */
  kept: Record<(typeof KEPT_TABLES)[number], number>;
  /** junk leads and customers with a deal: the journeys an all-time report reads one by one */
  valuedJourneys: number;
}

export async function benchMoney(options: { profiles: number; touchesEach: number; runs: number }): Promise<MoneyBench> {
  const c = await benchCollector();
  const out: MoneyFigure[] = [];
  const kept = {} as MoneyBench["kept"];
  let valuedJourneys = 0;
  try {
    const site = `bench${options.profiles}`;
    await c.sql(seedSql(site, options.profiles, options.touchesEach));
    await c.sql(moneySeedSql(site));
    await c.sql(rebuildSiteSql(site)); // what the consumer keeps batch by batch: journeys, credits, sessions, visitors
    for (const table of KEPT_TABLES) kept[table] = (await c.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE site = '${site}'`))[0]?.n ?? 0;
    valuedJourneys = (await c.query<{ n: number }>(`SELECT COUNT(*) AS n FROM profiles p JOIN journeys j ON j.profile_id = p.id WHERE p.site = '${site}' AND j.conversions != 0
      AND ((j.conversion = 'lead' AND (p.quality = 'junk' OR p.disposition = 'junk')) OR (j.conversion = 'customer' AND p.deal_amount IS NOT NULL))`))[0]?.n ?? 0;
    // The seeded touches all fall in the last 90 days: a 91-day range reads them all through the time filters.
    const quarter = `&from=${new Date(Date.now() - 91 * DAY).toISOString()}&to=${new Date().toISOString()}`;
    await c.api(`/api/v1/reports/channels?site=${site}&model=first_touch`); // warm the isolate
    for (const [range, query] of [["all time", ""], ["last 91 days", quarter]] as const) {
      for (const model of MODELS) {
        const times: number[] = [];
        let last: { totals: { leads: number; customers: number }; rows: unknown[] } | null = null;
        for (let i = 0; i < options.runs; i++) {
          const t0 = performance.now();
          last = await c.api(`/api/v1/reports/channels?site=${site}&model=${model}${query}`);
          times.push(performance.now() - t0);
        }
        times.sort((a, b) => a - b);
        out.push({ profiles: options.profiles, touches: options.profiles * options.touchesEach, range, model, medianMs: percentile(times, 50), maxMs: times[times.length - 1]!, leads: last!.totals.leads, customers: last!.totals.customers, rows: last!.rows.length });
      }
    }
  } finally {
    await c.stop();
  }
  return { figures: out, kept, valuedJourneys };
}
