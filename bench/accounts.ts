// Part 6: the accounts list sorted by score at 10k accounts of 100k profiles, in local D1, through the Worker.
// The data is generated inside SQLite (recursive CTEs): each profile's score ledger and key, and each account's key as
// the log-sum-exp of its ten people's keys — what the consumer would have written. The reads are what is measured;
// then the consumer's throughput for new people joining those accounts, against free-mail people who join none.
import { rowOf } from "../worker/store/profile-rows";
import { newProfile } from "../worker/core/profiles/profile";
import { DEFAULT_SCORING } from "../worker/core/scoring";
import { benchCollector, storedEvents, type BenchCollector } from "./collector";
import { percentile, until } from "./load";

const DAY = 86_400_000;
const HALF_LIFE = DEFAULT_SCORING.half_life_days * DAY;

/** One profile's stored document, as the store writes it, for SQL to vary per row. */
function docTemplate(): string {
  const p = newProfile({ id: "x", site: "x", at: 0 });
  const doc = rowOf({ ...p, stage: "lead", fit: 25, grade: "C", traits: { email: "x", company: "x", job_title: "x" }, score_state: { version: 1, rules: { page_view: { value: 1, at: 0, lifetime: 1, day: "2026-01-01", day_points: 1, hits: 1 } } } }).doc;
  return String(doc).replaceAll("'", "''");
}

export function seedAccountsSql(site: string, accounts: number, perAccount: number): string {
  const start = Date.now() - 60 * DAY;
  const profiles = accounts * perAccount;
  const titles = JSON.stringify(["CTO", "VP Sales", "Head of Marketing", "Marketing Manager", "Solutions Architect", "Software Engineer", "Data Analyst", "Team Lead", "Director of IT", "Accountant"]);
  return `
INSERT OR IGNORE INTO sites (id, name, domains, write_key, read_key, settings, created_at)
VALUES ('${site}', 'Bench ${site}', '["localhost"]', 'wk-${site}', 'rk-${site}', '{"account_mql_min_score":150}', 0);
INSERT OR IGNORE INTO site_shards (site, shard, created_at) VALUES ('${site}', 'DB', 0);
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${profiles - 1}),
     p AS (SELECT i, i / ${perAccount} AS a, 1 + (i * 7919) % 97 AS v, ${start} + (i * 104729) % ${59 * DAY} AS at FROM n)
INSERT INTO profiles (id, site, email, search, stage, label, grade, quality, score_sign, score_rank, doc, first_seen, last_seen, updated_at, seq, account_id)
SELECT '${site}-p' || i, '${site}', 'p' || i || '@co' || a || '-${site}.com', 'p' || i || '@co' || a || '-${site}.com company ' || a,
       'lead', 'browser', 'C', 'valid', 1, log2(v) + at / ${HALF_LIFE}.0,
       json_set('${docTemplate()}', '$.traits.email', 'p' || i || '@co' || a || '-${site}.com', '$.traits.company', 'Company ' || a,
                '$.traits.job_title', json_extract('${titles}', '$[' || (i % 10) || ']'),
                '$.score_state.rules.page_view.value', v, '$.score_state.rules.page_view.at', at,
                '$.account', json_object('id', '${site}-a' || a, 'domain', 'co' || a || '-${site}.com', 'name', 'Company ' || a)),
       at, at, at, i + 1, '${site}-a' || a
FROM p;
UPDATE sites SET seq = ${profiles} WHERE id = '${site}';
WITH top AS (SELECT account_id, max(score_rank) AS m, max(last_seen) AS seen, min(first_seen) AS first FROM profiles WHERE site = '${site}' GROUP BY account_id),
     sums AS (SELECT p.account_id, t.m + log2(sum(pow(2, p.score_rank - t.m))) AS rank, t.seen, t.first FROM profiles p JOIN top t ON t.account_id = p.account_id WHERE p.site = '${site}' GROUP BY p.account_id)
INSERT INTO accounts (id, site, domain, name, search, score_sign, score_rank, people, grade, people_stage, label, qualified, owner_id, last_seen, doc, version)
SELECT account_id, '${site}', 'co' || substr(account_id, length('${site}-a') + 1) || '-${site}.com', 'Company ' || substr(account_id, length('${site}-a') + 1), '',
       1, rank, ${perAccount}, 'C', 'lead', 'browser', 0, NULL, seen,
       json_object('fit', 25, 'roles', json_object('decision_maker', 4, 'influencer', 3, 'user', 3, 'unknown', 0), 'owner', NULL, 'owner_by_hand', json('false'),
                   'name_by_hand', NULL, 'qualified_at', NULL, 'first_seen', first, 'created_at', first, 'updated_at', seen), 1
FROM sums;
UPDATE accounts SET search = lower(domain || ' ' || name), qualified = (score_rank - ${Date.now()} / ${HALF_LIFE}.0 >= log2(150)) WHERE site = '${site}';`;
}

export interface AccountsFigure {
  what: string;
  medianMs: number;
  p90Ms: number;
  rows: number;
}

async function timed(c: BenchCollector, runs: number, path: () => string, rowsOf: (body: any) => number): Promise<{ medianMs: number; p90Ms: number; rows: number }> {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const body = await c.api<any>(path());
    times.push(performance.now() - t0);
    rows = rowsOf(body);
  }
  times.sort((a, b) => a - b);
  return { medianMs: percentile(times, 50), p90Ms: percentile(times, 90), rows };
}

export interface IngestFigure {
  who: string;
  events: number;
  seconds: number | null;
}

/** `people` new people (identify, then page views) sent with the Segment API; seconds until the stats count them stored. */
async function ingest(c: BenchCollector, site: string, who: string, people: number, eventsEach: number, email: (i: number) => string): Promise<IngestFigure> {
  const run = Date.now().toString(36);
  const messages = Array.from({ length: people }, (_, i) => [
    { type: "identify", anonymousId: `${run}-${i}`, traits: { email: email(i), job_title: "Engineer" } },
    ...Array.from({ length: eventsEach - 1 }, (_, j) => ({ type: "page", anonymousId: `${run}-${i}`, properties: { url: `http://localhost/${j % 2 ? "pricing" : "docs"}` } })),
  ]).flat();
  const before = await storedEvents(c, site);
  const start = performance.now();
  for (let i = 0; i < messages.length; i += 100) {
    const res = await fetch(`${c.url}/v1/batch`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Basic ${btoa(`wk-${site}:`)}` },
      body: JSON.stringify({ batch: messages.slice(i, i + 100) }),
    });
    if (!res.ok) throw new Error(`batch: ${res.status} ${await res.text()}`);
  }
  const ms = await until(async () => (await storedEvents(c, site)) >= before + messages.length, 300_000, 200);
  return { who, events: messages.length, seconds: ms === null ? null : (performance.now() - start) / 1000 };
}

export async function benchAccounts(options: { accounts: number; perAccount: number; runs: number; people: number }): Promise<{ accounts: number; profiles: number; figures: AccountsFigure[]; ingest: IngestFigure[] }> {
  const c = await benchCollector();
  const site = "benchacc";
  const figures: AccountsFigure[] = [];
  const ingested: IngestFigure[] = [];
  const list = (q: string) => `/api/v1/accounts?site=${site}&sort=score${q}`;
  const data = (b: any) => b.data.length;
  try {
    await c.sql(seedAccountsSql(site, options.accounts, options.perAccount));
    const first = await c.api<any>(list("&limit=100")); // warms the isolate
    if (first.data.length !== 100) throw new Error("accounts not seeded");
    const add = async (what: string, path: () => string, rowsOf = data) => figures.push({ what, ...(await timed(c, options.runs, path, rowsOf)) });
    await add("first page (limit 100)", () => list("&limit=100"));
    // The cursors of pages 2–21: each "next page" is measured from its own cursor.
    const cursors: string[] = [];
    let cursor: string | null = first.next_cursor;
    while (cursor && cursors.length < 20) {
      cursors.push(cursor);
      cursor = (await c.api<any>(list(`&limit=100&cursor=${cursor}`))).next_cursor;
    }
    let k = 0;
    await add("next page (pages 2–21, by cursor)", () => list(`&limit=100&cursor=${cursors[k++ % cursors.length]}`));
    const deep = await c.api<any>(list(`&limit=100&cursor=${cursors[cursors.length - 1]}`));
    await add("previous page (before=, from page 21)", () => list(`&limit=100&before=${deep.prev_cursor}`));
    // The score of the account one tenth of the way down the list.
    const r = Math.floor(options.accounts / 10);
    const page = Math.floor(r / 100);
    const tenth = (page === 0 ? first : await c.api<any>(list(`&limit=100&cursor=${cursors[page - 1]}`))).data[r % 100].score;
    await add(`min_score=${Math.round(tenth)} (the top ~10%)`, () => list(`&limit=100&min_score=${Math.round(tenth)}`));
    await add("stage=mql (qualified as of the request)", () => list("&limit=100&stage=mql"));
    await add("q=company 123 (name or domain contains)", () => list("&limit=100&q=company%20123"));
    const id = first.data[0].id;
    await add("GET /api/v1/accounts/{id} (10 people)", () => `/api/v1/accounts/${id}`, (b) => b.people.length);
    await add("GET /api/v1/profiles?account= (its people)", () => `/api/v1/profiles?site=${site}&account=${id}&sort=score`);
    await add("for comparison: GET /api/v1/profiles?sort=score (limit 100)", () => `/api/v1/profiles?site=${site}&sort=score&limit=100`);
    const step = Math.floor(options.accounts / options.people);
    ingested.push(await ingest(c, site, "free-mail people (no account)", options.people, 10, (i) => `n${i}@gmail.com`));
    ingested.push(await ingest(c, site, `people joining accounts of ${options.perAccount}`, options.people, 10, (i) => `n${i}@co${i * step}-${site}.com`));
  } finally {
    await c.stop();
  }
  return { accounts: options.accounts, profiles: options.accounts * options.perAccount, figures, ingest: ingested };
}
