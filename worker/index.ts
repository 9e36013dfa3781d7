// The Worker: HTTP through the Hono app, the EVENTS queue consumer, dead letters, and the hourly cron.
import { app } from "./app";
import type { Env } from "./env";
import { consumeEvents, recordDeadLetters } from "./queue/events";

export default {
  fetch: app.fetch,

  async queue(batch: MessageBatch<unknown>, env: Env, _ctx?: ExecutionContext): Promise<void> {
    const now = Date.now();
    if (batch.queue.endsWith("-dlq")) return recordDeadLetters(batch, env, now);
    if (batch.queue.startsWith("pista-events")) return consumeEvents(batch, env, { now });
    console.error("message from an unknown queue; retrying", batch.queue);
    batch.retryAll();
  },
} satisfies ExportedHandler<Env>;
