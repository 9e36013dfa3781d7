// Part 1: /collect and /v1/batch throughput and latency under concurrency, against a no-op route in the same run,
// and events sent = events stored once the queue drains.
import { benchCollector, storedEvents, UA } from "./collector";
import { load, until, type LoadResult } from "./load";

export interface IngestFigures {
  concurrency: number;
  noop: LoadResult;
  collect: LoadResult;
  segment: LoadResult;
  sent: number;
  stored: number;
  drainSeconds: number | null;
}

export async function benchIngest(options: { seconds: number; concurrency: number }): Promise<IngestFigures> {
  const c = await benchCollector();
  try {
    const origin = new URL(c.url).origin;
    const headers = { "content-type": "text/plain", origin, "user-agent": UA };
    const run = Date.now().toString(36);
    const common = { concurrency: options.concurrency, seconds: options.seconds, maxRequests: 200_000 };
    const beacon = (i: number) => JSON.stringify({ s: "demo", a: `b${run}-${i % 5000}`, st: Date.now(), e: [{ k: "pageview", id: `c${run}-${i}`, t: Date.now(), u: `${origin}/pricing` }] });
    // The no-op: /collect's CORS preflight route, sent the same headers and body as a beacon, so that the load
    // generator does the same work for both — it answers without reading, storing or queueing anything.
    const noop = await load({ ...common, request: (i) => fetch(`${c.url}/collect`, { method: "OPTIONS", headers, body: beacon(i) }) });
    const collect = await load({ ...common, request: (i) => fetch(`${c.url}/collect`, { method: "POST", headers, body: beacon(i) }) });
    const auth = `Basic ${Buffer.from("demo-write-key:").toString("base64")}`;
    const segment = await load({
      ...common,
      request: (i) =>
        fetch(`${c.url}/v1/batch`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: auth, "user-agent": "analytics-node-bench" },
          body: JSON.stringify({
            batch: [{ type: "track", event: "Bench Event", userId: `u${run}-${i % 5000}`, messageId: `s${run}-${i}`, timestamp: new Date().toISOString(), properties: { i }, context: { userAgent: UA } }],
          }),
        }),
    });
    const sent = (collect.statuses[202] ?? 0) + (segment.statuses[200] ?? 0);
    const drainMs = await until(async () => (await storedEvents(c)) >= sent, 180_000, 250);
    return { concurrency: options.concurrency, noop, collect, segment, sent, stored: await storedEvents(c), drainSeconds: drainMs === null ? null : drainMs / 1000 };
  } finally {
    await c.stop();
  }
}
