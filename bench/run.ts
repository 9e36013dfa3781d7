// npm run bench: every figure Pista quotes, measured on this machine against 127.0.0.1, bounded in time.
// Prints a table and writes bench/RESULTS.md. BENCH_QUICK=1 runs a shorter version.
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchAccounts } from "./accounts";
import { benchArchive } from "./archive";
import { benchAttribution } from "./attribution";
import { benchConsumer } from "./consumer";
import { benchShards, shardTable } from "./shards";
import { benchIngest } from "./ingest";
import { benchLists } from "./lists";
import { benchMoney } from "./money";
import { benchServerLoad } from "./server-load";
import { benchSnippet } from "./snippet";

const quick = process.env.BENCH_QUICK === "1";
const f = (x: number | null, d = 0) => (x === null ? "timed out" : x.toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: d }));

const lines: string[] = [];
const say = (s = "") => {
  console.log(s);
  lines.push(s);
};

say(`# Pista benchmark`);
say();
say(`Measured ${new Date().toISOString().slice(0, 16)}Z on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()} (${Math.round(os.totalmem() / 2 ** 30)} GiB), Node ${process.version}, wrangler dev (workerd, local D1 and Queues), 127.0.0.1 only. Command: \`npm run bench\`${quick ? " (BENCH_QUICK=1)" : ""}.`);

say();
say(`## 1. Ingest throughput and latency`);
const ingest = await benchIngest({ seconds: quick ? 3 : 8, concurrency: 16 });
say();
say(`| route | requests | req/s | p50 ms | p99 ms | errors | ratio to no-op |`);
say(`|---|---:|---:|---:|---:|---:|---:|`);
for (const [name, r] of [["no-op (OPTIONS /collect, same body)", ingest.noop], ["POST /collect (1 event)", ingest.collect], ["POST /v1/batch (1 event)", ingest.segment]] as const) {
  say(`| ${name} | ${f(r.requests)} | ${f(r.rps)} | ${f(r.p50, 1)} | ${f(r.p99, 1)} | ${r.errors} | ${f(r.rps / ingest.noop.rps, 2)} |`);
}
say();
say(`Concurrency ${ingest.concurrency}. Events accepted: ${f(ingest.sent)}; stored after the queue drained: ${f(ingest.stored)} (${ingest.stored === ingest.sent ? "all" : "MISMATCH"}); drained ${ingest.drainSeconds === null ? "— timed out" : `in ${f(ingest.drainSeconds, 1)} s after the load ended`}.`);

say();
say(`## 2. Consumer throughput into local D1`);
const consumer = await benchConsumer({ batchSizes: quick ? [100] : [10, 50, 100], events: quick ? 5_000 : 20_000, visitors: 1_000 });
say();
say(`| EVENTS max_batch_size | events | seconds | events/s | D1 bytes per event |`);
say(`|---:|---:|---:|---:|---:|`);
for (const r of consumer) say(`| ${r.batchSize} | ${f(r.events)} | ${f(r.seconds, 1)} | ${f(r.eventsPerSecond)} | ${f(r.bytesPerEvent)} |`);
say();
say(`50 events per /collect request over 1,000 visitors; time from the first request until the stats report every event stored.`);

say();
say(`## 3. Attribution report latency`);
const { figures: attribution, builds } = await benchAttribution({ scales: quick ? [10_000] : [10_000, 100_000], touchesEach: 10, runs: quick ? 2 : 3 });
say();
say(`| profiles | touches | model | median ms | max ms | conversions |`);
say(`|---:|---:|---|---:|---:|---:|`);
for (const r of attribution) say(`| ${f(r.profiles)} | ${f(r.touches)} | ${r.model} | ${f(r.medianMs)} | ${f(r.maxMs)} | ${f(r.conversions)} |`);
say();
say(`One in three profiles converts (lead) after its 10 touches over 12 channels; the rest are non-converting paths (Markov reads them). GET /api/v1/attribution end to end through the Worker, which reads the pre-aggregated journeys (docs/SCALING.md). Building them from the seeded touches in one SQL script took ${builds.map((b) => `${f(b.ms / 1000, 1)} s at ${f(b.profiles)} profiles (${f(b.creditRows)} rows of credits per day and key by channel, ${f(b.stepRows)} of Markov steps)`).join(", ")}; the consumer builds them batch by batch.`);

say();
say(`## 4. Snippet size and start-up in real Chromium`);
const snippet = await benchSnippet({ runs: quick ? 10 : 40 });
say();
say(`| tracker | bytes | gzip -9 bytes | start-up median ms | start-up p90 ms |`);
say(`|---|---:|---:|---:|---:|`);
for (const r of snippet) say(`| ${r.name} | ${f(r.bytes)} | ${f(r.gzipBytes)} | ${f(r.startupMedianMs, 2)} | ${f(r.startupP90Ms, 2)} |`);
say();
say(`Start-up: main-thread time of evaluating and initialising the script (an inline script appended to a loaded page), interleaved runs in one headless Chromium.`);

say();
say(`## 5. One back end sending with the Segment API (rate limits on)`);
const server = await benchServerLoad({ seconds: quick ? 3 : 8, concurrency: 16 });
say();
say(`| senders | requests | req/s | p50 ms | p99 ms | refused (429) | accepted | stored |`);
say(`|---:|---:|---:|---:|---:|---:|---:|---:|`);
say(`| ${server.concurrency} | ${f(server.track.requests)} | ${f(server.track.rps)} | ${f(server.track.p50, 1)} | ${f(server.track.p99, 1)} | ${f(server.refused)} | ${f(server.accepted)} | ${f(server.stored)} |`);
say();
say(`Single-message POST /v1/track from one client address with the production limits (wrangler.toml): write-key traffic is limited per site at 30,000 requests a minute; browser beacons per site and client address at 600.`);

say();
say(`## 6. Leads list at 100k profiles on one site`);
const lists = await benchLists({ profiles: quick ? 20_000 : 100_000, runs: quick ? 5 : 15 });
say();
say(`| profiles | list | rows | p50 ms | p90 ms |`);
say(`|---:|---|---:|---:|---:|`);
for (const r of lists) say(`| ${f(r.profiles)} | ${r.query} | ${f(r.rows)} | ${f(r.p50Ms, 1)} | ${f(r.p90Ms, 1)} |`);
say();
say(`GET /api/v1/profiles end to end through the Worker (each row scored as of the request). Hottest first reads the (site, score_sign, score_rank, id) index — the score key needs no scheduled job; search is a substring scan.`);
say(`## 7. Channel report with money`);
const money = await benchMoney({ profiles: quick ? 10_000 : 100_000, touchesEach: 10, runs: quick ? 2 : 3 });
say();
say(`| profiles | touches | range | model | median ms | max ms | leads | customers | rows |`);
say(`|---:|---:|---|---|---:|---:|---:|---:|---:|`);
for (const r of money.figures) say(`| ${f(r.profiles)} | ${f(r.touches)} | ${r.range} | ${r.model} | ${f(r.medianMs)} | ${f(r.maxMs)} | ${f(r.leads)} | ${f(r.customers)} | ${r.rows} |`);
say();
say(`GET /api/v1/reports/channels end to end through the Worker, on section 3's data (one in three profiles a lead after 10 touches over 12 channels) plus: half the leads MQLs, half of those SQLs, half of those customers, each with a deal and an order (one in two in USD), one lead in five junk, 90 days × 60 daily cost rows. One D1 batch reads what is kept per day and per person (docs/MONEY.md "How it is read"): credits per kind, key and currency, the ${f(money.valuedJourneys)} journeys of junk leads and customers with a deal, sessions per day, visitors from each person's first and last touch of each key, delays, costs; Markov also reads the kept transitions.`);
say();
say(`Rows kept for the site: ${Object.entries(money.kept).map(([t, n]) => `${t} ${f(n)}`).join(", ")}.`);

say(`## 8. Accounts sorted by score`);
const accounts = await benchAccounts({ accounts: 10_000, perAccount: 10, runs: quick ? 5 : 15, people: quick ? 200 : 500 });
say();
say(`| read (${f(accounts.accounts)} accounts, ${f(accounts.profiles)} profiles) | median ms | p90 ms | rows |`);
say(`|---|---:|---:|---:|`);
for (const r of accounts.figures) say(`| ${r.what} | ${f(r.medianMs)} | ${f(r.p90Ms)} | ${f(r.rows)} |`);
say();
say(`Ten people per account, seeded in SQLite with the keys the consumer writes (each account's key the log-sum-exp of its people's); every read through the Worker, ${quick ? 5 : 15} runs each. The list, its cursors and its filters read the accounts index (site, score key); min_score and the stage compare keys with bounds computed at the request.`);
say();
say(`| new people sent (10 events each, Segment API) | events | seconds | events/s |`);
say(`|---|---:|---:|---:|`);
for (const r of accounts.ingest) say(`| ${r.who} | ${f(r.events)} | ${r.seconds === null ? "timed out" : f(r.seconds, 1)} | ${r.seconds === null ? "–" : f(r.events / r.seconds)} |`);
say();
say(`From the first request until the stats count every event stored, into the same database: joining an account reads its people and writes it again in each batch's transaction.`);

say();
say(`## 9. Raw-event archive: cost per consumer batch`);
const archive = await benchArchive({ batchSizes: [10, 50, 100], batches: quick ? 30 : 200, visitors: 50 });
say();
say(`| events per batch | batches | build NDJSON ms | R2 put ms | D1 index rows ms | D1 round trip ms | bytes per event |`);
say(`|---:|---:|---:|---:|---:|---:|---:|`);
for (const r of archive) say(`| ${r.batchSize} | ${f(r.batches)} | ${f(r.buildMs, 2)} | ${f(r.putMs, 1)} | ${f(r.indexMs, 1)} | ${f(r.roundTripMs, 1)} | ${f(r.bytesPerEvent)} |`);
say();
say(`Medians per batch of page views from 50 visitors (one object per batch, one index row per visitor in it), against local R2 and D1 through wrangler's platform proxy: every figure holds a Node → workerd round trip (the last column). In the consumer the put runs inside the Worker before the commit, and the index rows join the commit's own transaction; section 2's consumer throughput includes both.`);

say();
say(`## 10. Two shards`);
const shards = await benchShards({ events: quick ? 5_000 : 20_000, visitors: 1_000 });
say();
for (const line of shardTable(shards, f)) say(line);
say();
say(`The same page views (50 per /collect request over 1,000 visitors), stored through one site on each shard alone, then split evenly over a site on each of the two: each shard has its own EVENTS queue and single writer (worker/shards.ts). Time from the first request until the stats report every event stored. Locally both consumers, wrangler, the load generator and both SQLite files share this machine's cores; on Cloudflare each D1 database is its own server.`);

writeFileSync(path.join(import.meta.dirname, "RESULTS.md"), lines.join("\n") + "\n");
console.log(`\nwritten to bench/RESULTS.md`);
process.exit(0);
