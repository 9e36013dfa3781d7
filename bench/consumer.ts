// Part 2: EVENTS consumer throughput into local D1 (events/s), by consumer batch size. Ingest runs ahead of the
// consumer, so the time until every event is stored measures the consumer.
import { benchCollector, storedEvents, UA, type BenchCollector } from "./collector";
import { until } from "./load";

export interface ConsumerFigure {
  batchSize: number;
  events: number;
  seconds: number | null;
  eventsPerSecond: number | null;
  /** size of the local D1 file per stored event (events, profiles, touches, identities and their indexes) */
  bytesPerEvent: number;
}

/** Sends `events` page views to /collect, 50 per request and 16 requests at a time, spread evenly over the sites and
 *  over `visitors` visitors; returns how many were sent. */
export async function sendPageviews(c: BenchCollector, sites: readonly string[], events: number, visitors: number): Promise<number> {
  const origin = new URL(c.url).origin;
  const run = Date.now().toString(36);
  const perRequest = 50;
  const requests = Math.ceil(events / perRequest);
  for (let r = 0; r < requests; r += 16) {
    await Promise.all(
      Array.from({ length: Math.min(16, requests - r) }, (_, k) => {
        const i = r + k;
        const e = Array.from({ length: perRequest }, (_, j) => ({ k: "pageview", id: `e${run}-${i}-${j}`, t: Date.now(), u: `${origin}/p/${j % 7}` }));
        return fetch(`${c.url}/collect`, {
          method: "POST",
          headers: { "content-type": "text/plain", origin, "user-agent": UA },
          body: JSON.stringify({ s: sites[i % sites.length], a: `v${run}-${i % visitors}`, st: Date.now(), e }),
        }).then((res) => res.arrayBuffer());
      }),
    );
  }
  return requests * perRequest;
}

/** Consumer throughput for each batch size, on a fresh collector each. */
export async function benchConsumer(options: { batchSizes: number[]; events: number; visitors: number }): Promise<ConsumerFigure[]> {
  const out: ConsumerFigure[] = [];
  for (const batchSize of options.batchSizes) {
    const c = await benchCollector({ maxBatchSize: batchSize });
    try {
      const start = performance.now();
      const total = await sendPageviews(c, ["demo"], options.events, options.visitors);
      const ms = await until(async () => (await storedEvents(c)) >= total, 300_000, 200);
      const seconds = ms === null ? null : (performance.now() - start) / 1000;
      out.push({ batchSize, events: total, seconds, eventsPerSecond: seconds === null ? null : total / seconds, bytesPerEvent: c.bytes() / total });
    } finally {
      await c.stop();
    }
  }
  return out;
}
