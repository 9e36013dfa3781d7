// Part 6: the leads list at 100k profiles on one site — GET /api/v1/profiles?sort=score (hottest first by the score
// key), the dashboard's default view (identified, not junk), min_score, a deep page, and search — in local D1.
// The profiles are generated inside SQLite from one real record (a recursive CTE); the list is what is measured.
import { DEFAULT_SCORING } from "../worker/core/scoring";
import { evaluate } from "../worker/core/scoring/evaluate";
import { factsOf, newProfile } from "../worker/core/profiles/profile";
import { rowOf } from "../worker/store/profile-rows";
import { COLUMNS } from "../worker/store/profile-rows";
import { benchCollector, type BenchCollector } from "./collector";
import { percentile } from "./load";

const DAY = 86_400_000;

/** A lead with a few rules in its ledger, as the consumer would have stored it; each generated row varies its key. */
function templateRow(site: string, now: number) {
  const p = newProfile({ id: "template", site, at: now - 10 * DAY });
  p.traits = { name: "Template Lead", company: "Template Co", job_title: "Head of Growth" };
  p.score_state = {
    version: 1,
    rules: {
      page_view: { value: 5, at: now - DAY, lifetime: 5, day: "2026-01-01", day_points: 5, hits: 5 },
      visited_pricing: { value: 10, at: now - DAY, lifetime: 10, day: "2026-01-01", day_points: 10, hits: 1 },
    },
  };
  const e = evaluate({ state: p.score_state, facts: factsOf(p), config: DEFAULT_SCORING, now });
  p.quality = e.quality;
  return rowOf(p);
}

const sqlText = (v: unknown) => (v === null || v === undefined ? "NULL" : typeof v === "number" ? String(v) : `'${String(v).replaceAll("'", "''")}'`);

export function listSeedSql(site: string, profiles: number, now: number): string {
  const row = templateRow(site, now);
  const h = DEFAULT_SCORING.half_life_days * DAY;
  const base = now / h;
  // n decides everything: 30% identified, 1 in 100 junk, scores from 1 to ~200 (a few zero or negative), 12 channels.
  const value: Record<string, string> = Object.fromEntries(COLUMNS.map((c) => [c, sqlText(row[c])]));
  Object.assign(value, {
    id: `'${site}-p' || n`,
    site: `'${site}'`,
    email: `CASE WHEN n % 10 < 3 THEN 'lead' || n || '@firm' || (n % 997) || '.com' END`,
    search: `CASE WHEN n % 10 < 3 THEN 'lead' || n || '@firm' || (n % 997) || '.com template lead template co' ELSE 'template lead template co' END`,
    quality: `CASE WHEN n % 100 = 7 THEN 'junk' ELSE 'valid' END`,
    stage: `CASE WHEN n % 10 < 3 THEN 'lead' ELSE 'visitor' END`,
    score_sign: `CASE WHEN n % 50 = 0 THEN 0 WHEN n % 50 = 1 THEN -1 ELSE 1 END`,
    score_rank: `CASE WHEN n % 50 = 0 THEN 0 WHEN n % 50 = 1 THEN -(${base} + 3) ELSE ${base} + ((n * 7919) % 10007) / 1300.0 END`,
    first_channel: `json_extract('["Organic Search","Paid Search","Email","Organic Social","Paid Social","Direct","Referral","Display","AI Assistant","Affiliates","Organic Video","SMS"]', '$[' || (n % 12) || ']')`,
    seq: "n + 1",
    first_seen: `${now - 90 * DAY} + n * 60000`,
    last_seen: `${now - 60 * DAY} + n * 50000`,
    updated_at: `${now - 60 * DAY} + n * 50000`,
  });
  return `
INSERT OR IGNORE INTO sites (id, name, domains, write_key, read_key, settings, created_at, seq)
VALUES ('${site}', 'Bench ${site}', '["localhost"]', 'wk-${site}', 'rk-${site}', '{}', 0, ${profiles});
INSERT OR IGNORE INTO site_shards (site, shard, created_at) VALUES ('${site}', 'DB', 0);
WITH RECURSIVE p(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM p WHERE n < ${profiles - 1})
INSERT INTO profiles (${COLUMNS.join(", ")})
SELECT ${COLUMNS.map((c) => value[c]).join(", ")} FROM p;`;
}

export interface ListFigure {
  profiles: number;
  query: string;
  rows: number;
  p50Ms: number;
  p90Ms: number;
}

async function timeList(c: BenchCollector, path: string, runs: number): Promise<{ p50: number; p90: number; rows: number }> {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = await c.api<{ data: unknown[] }>(path);
    times.push(performance.now() - t0);
    rows = r.data.length;
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p90: percentile(times, 90), rows };
}

export async function benchLists(options: { profiles: number; runs: number }): Promise<ListFigure[]> {
  const c = await benchCollector();
  const site = `list${options.profiles}`;
  const out: ListFigure[] = [];
  try {
    await c.sql(listSeedSql(site, options.profiles, Date.now()));
    const first = await c.api<{ next_cursor: string }>(`/api/v1/profiles?site=${site}&sort=score&limit=100`);
    // a page 200 rows deep, by following cursors (keyset: no OFFSET)
    let deep = first.next_cursor;
    deep = (await c.api<{ next_cursor: string }>(`/api/v1/profiles?site=${site}&sort=score&limit=100&cursor=${deep}`)).next_cursor;
    const queries: [string, string][] = [
      ["sort=score, 100 rows", `sort=score&limit=100`],
      ["sort=score, 25 rows (a dashboard page)", `sort=score&limit=25`],
      ["identified, not junk (the leads page's default view), 25 rows", `sort=score&limit=25&identified=true&quality=valid,suspect`],
      ["sort=score&min_score=10, 100 rows", `sort=score&limit=100&min_score=10`],
      ["sort=score, 100 rows after 200 (cursor)", `sort=score&limit=100&cursor=${deep}`],
      ["first channel Email, 25 rows", `sort=score&limit=25&channel=Email`],
      ["search q=firm42 (substring of e-mail, name, company), 25 rows", `sort=score&limit=25&q=firm42`],
    ];
    for (const [name, q] of queries) {
      const r = await timeList(c, `/api/v1/profiles?site=${site}&${q}`, options.runs);
      out.push({ profiles: options.profiles, query: name, rows: r.rows, p50Ms: r.p50, p90Ms: r.p90 });
    }
  } finally {
    await c.stop();
  }
  return out;
}
