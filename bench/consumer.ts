// Part 2: EVENTS consumer throughput into local D1 (events/s), by consumer batch size. Ingest runs ahead of the
// consumer, so the time until every event is stored measures the consumer.
import { benchCollector, storedEvents, UA } from "./collector";
import { until } from "./load";

export interface ConsumerFigure {
  batchSize: number;
  events: number;
  seconds: number | null;
  eventsPerSecond: number | null;
  /** size of the local D1 file per stored event (events, profiles, touches, identities and their indexes) */
  bytesPerEvent: number;
}

/** Bytes of every SQLite file under the local persistence folder. */
export async function benchConsumer(options: { batchSizes: number[]; events: number; visitors: number }): Promise<ConsumerFigure[]> {
  const out: ConsumerFigure[] = [];
  for (const batchSize of options.batchSizes) {
    const c = await benchCollector({ maxBatchSize: batchSize });
    try {
      const origin = new URL(c.url).origin;
      const run = Date.now().toString(36);
      const perRequest = 50;
      const start = performance.now();
      const requests = Math.ceil(options.events / perRequest);
      for (let r = 0; r < requests; r += 16) {
        await Promise.all(
          Array.from({ length: Math.min(16, requests - r) }, (_, k) => {
            const i = r + k;
            const e = Array.from({ length: perRequest }, (_, j) => ({ k: "pageview", id: `e${run}-${i}-${j}`, t: Date.now(), u: `${origin}/p/${j % 7}` }));
            return fetch(`${c.url}/collect`, {
              method: "POST",
              headers: { "content-type": "text/plain", origin, "user-agent": UA },
              body: JSON.stringify({ s: "demo", a: `v${run}-${i % options.visitors}`, st: Date.now(), e }),
            }).then((res) => res.arrayBuffer());
          }),
        );
      }
      const total = requests * perRequest;
      const ms = await until(async () => (await storedEvents(c)) >= total, 300_000, 200);
      const seconds = ms === null ? null : (performance.now() - start) / 1000;
      out.push({ batchSize, events: total, seconds, eventsPerSecond: seconds === null ? null : total / seconds, bytesPerEvent: c.bytes() / total });
    } finally {
      await c.stop();
    }
  }
  return out;
}
