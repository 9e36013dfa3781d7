// Part 5: a back end sending with the Segment API from one server (one client address), with the production rate
// limits on: 16 concurrent senders of single /v1/track calls. Server-to-server traffic is limited per site at server
// rates (30,000 a minute), so none of them should be refused; before, a per-address browser limit refused most.
import { benchCollector, storedEvents, UA } from "./collector";
import { load, until, type LoadResult } from "./load";

export interface ServerLoadFigures {
  concurrency: number;
  track: LoadResult;
  refused: number;
  stored: number;
  accepted: number;
}

export async function benchServerLoad(options: { seconds: number; concurrency: number }): Promise<ServerLoadFigures> {
  const c = await benchCollector({ rateLimits: true });
  try {
    const run = Date.now().toString(36);
    const auth = `Basic ${Buffer.from("demo-write-key:").toString("base64")}`;
    const track = await load({
      concurrency: options.concurrency,
      seconds: options.seconds,
      maxRequests: 100_000,
      request: (i) =>
        fetch(`${c.url}/v1/track`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: auth, "user-agent": "analytics-node-bench", "cf-connecting-ip": "203.0.113.7" },
          body: JSON.stringify({ userId: `srv${run}-${i % 2000}`, event: "Invoice Paid", messageId: `srv${run}-${i}`, properties: { amount: i }, context: { userAgent: UA } }),
        }),
    });
    const accepted = track.statuses[200] ?? 0;
    await until(async () => (await storedEvents(c)) >= accepted, 180_000, 250);
    return { concurrency: options.concurrency, track, refused: track.statuses[429] ?? 0, accepted, stored: await storedEvents(c) };
  } finally {
    await c.stop();
  }
}
