// Part 10: shards. The same page views stored through one shard, then split over two sites on two shards. Each shard
// has its own EVENTS queue and single writer (worker/shards.ts), so their consumers run side by side; locally they
// share the machine's cores with wrangler, the load generator and both SQLite files.
// Alone: `npm run bench:shards` prints the table.
import { ADMIN, benchCollector, storedEvents, type BenchCollector } from "./collector";
import { sendPageviews } from "./consumer";
import { until } from "./load";

export interface ShardFigure {
  shards: string[];
  events: number;
  seconds: number | null;
  eventsPerSecond: number | null;
}

async function newSite(c: BenchCollector, shard: string): Promise<string> {
  const id = `bench-${shard.toLowerCase().replace("_", "-")}-${Date.now().toString(36)}`;
  const res = await fetch(`${c.url}/api/v1/sites`, {
    method: "POST",
    headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
    body: JSON.stringify({ id, name: `Bench ${shard}`, domains: ["localhost", "127.0.0.1"], shard }),
  });
  if (res.status !== 201) throw new Error(`site on ${shard}: ${res.status} ${await res.text()}`);
  return id;
}

/** Sends the page views spread evenly over the sites, then waits until every one is stored. */
async function store(c: BenchCollector, sites: string[], events: number, visitors: number): Promise<Omit<ShardFigure, "shards">> {
  const start = performance.now();
  const total = await sendPageviews(c, sites, events, visitors);
  const stored = async () => (await Promise.all(sites.map((s) => storedEvents(c, s)))).reduce((a, b) => a + b, 0);
  const ms = await until(async () => (await stored()) >= total, 300_000, 200);
  const seconds = ms === null ? null : (performance.now() - start) / 1000;
  return { events: total, seconds, eventsPerSecond: seconds === null ? null : total / seconds };
}

export async function benchShards(options: { events: number; visitors: number }): Promise<ShardFigure[]> {
  const out: ShardFigure[] = [];
  for (const shards of [["DB"], ["DB_2"], ["DB", "DB_2"]]) {
    const c = await benchCollector();
    try {
      const sites = await Promise.all(shards.map((s) => newSite(c, s)));
      out.push({ shards, ...(await store(c, sites, options.events, options.visitors)) });
    } finally {
      await c.stop();
    }
  }
  return out;
}

export function shardTable(figures: ShardFigure[], f: (n: number | null, digits?: number) => string): string[] {
  return [
    "| shards written | events | seconds | events/s |",
    "|---|---:|---:|---:|",
    ...figures.map((r) => `| ${r.shards.join(" + ")} | ${f(r.events)} | ${f(r.seconds, 1)} | ${f(r.eventsPerSecond)} |`),
  ];
}

if (process.argv[1]?.endsWith("shards.ts")) {
  const f = (n: number | null, digits = 0) => (n === null ? "—" : n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits }));
  const figures = await benchShards({ events: Number(process.argv[2] ?? 20_000), visitors: 1_000 });
  console.log(shardTable(figures, f).join("\n"));
  process.exit(0);
}
