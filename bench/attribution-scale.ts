// npm run bench:attribution -- N: section 3's attribution latency at N profiles of 10 touches (default 1,000,000, so
// 10M touches) in local D1 — the size docs/SCALING.md says one database reaches. Prints a table; writes nothing.
// `-- N --distinct` seeds nearly every path unique instead.
import os from "node:os";
import { benchAttribution } from "./attribution";

const profiles = Number(process.argv[2] ?? 1_000_000);
/** `--distinct`: nearly every path unique (the worst case for pre-aggregated journeys), see seedSql. */
const distinct = process.argv.includes("--distinct");
if (!Number.isInteger(profiles) || profiles < 1000) throw new Error("usage: npm run bench:attribution -- <profiles ≥ 1000>");
const runs = Number(process.env.BENCH_RUNS ?? 3);
const f = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 0 });

console.log(`Attribution at ${f(profiles)} profiles / ${f(profiles * 10)} touches${distinct ? " (nearly every path distinct)" : ""}, ${runs} runs per model; ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, Node ${process.version}, ${new Date().toISOString().slice(0, 16)}Z`);
const t0 = performance.now();
const { figures, builds } = await benchAttribution({ scales: [profiles], touchesEach: 10, runs, distinct });
console.log();
console.log(`| profiles | touches | model | median ms | max ms | conversions |`);
console.log(`|---:|---:|---|---:|---:|---:|`);
for (const r of figures) console.log(`| ${f(r.profiles)} | ${f(r.touches)} | ${r.model} | ${f(r.medianMs)} | ${f(r.maxMs)} | ${f(r.conversions)} |`);
console.log();
console.log(`Building the seeded touches' journeys in one SQL script (the consumer builds them batch by batch) took ${f(builds[0]!.ms / 1000)} s; an all-time report by channel reads ${f(builds[0]!.creditRows)} rows of credits per day and key (Markov: ${f(builds[0]!.stepRows)} rows of steps per day).`);
const mb = (b: number) => f(b / 1e6);
console.log(`The database held ${mb(builds[0]!.bytesBefore)} MB seeded and ${mb(builds[0]!.bytesAfter)} MB with the journeys and their sums (SQLite files of local D1).`);
console.log(`Seeding and every run took ${f((performance.now() - t0) / 1000)} s. GET /api/v1/attribution end to end through the Worker, as section 3.`);
