// The Worker: HTTP through the Hono app, the EVENTS and WEBHOOKS consumers, dead letters, and the hourly cron.
import { app } from "./http/app";
import { hourly } from "./jobs/hourly";
import type { Env } from "./env";
import { recordDeadLetters } from "./jobs/dead-letters";
import { consumeEvents } from "./jobs/events";
import { consumeWebhooks } from "./jobs/webhooks";
import { sweepFollowUps } from "./services/routing/follow-ups";
import { hourlyWebhookSweep, sweepWebhooks } from "./services/webhooks/dispatch";
import { eachShard, shardEnv, shardOfQueue } from "./shards";

export default {
  fetch: app.fetch,

  async queue(batch: MessageBatch<unknown>, env: Env, _ctx?: ExecutionContext): Promise<void> {
    const now = Date.now();
    if (batch.queue.endsWith("-dlq")) return recordDeadLetters(batch, env, now);
    if (batch.queue.startsWith("pista-events")) {
      const written = await consumeEvents(batch, env, { now });
      // After the batch's commit: its transitions (and any an earlier crash left behind) go out to webhooks.
      for (const shard of written) await sweepWebhooks(shard, now);
      return;
    }
    // A delivery lives in the shard whose queue carries its message.
    if (batch.queue.startsWith("pista-webhooks")) return consumeWebhooks(batch, shardEnv(env, shardOfQueue(batch.queue)), { fetch: (url, init) => fetch(url, init), clock: Date.now });
    console.error("message from an unknown queue; retrying", batch.queue);
    batch.retryAll();
  },

  async scheduled(_controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
    const now = Date.now();
    // Overdue follow-ups whose delayed check was lost are escalated before the sweep sends what they wrote.
    // Each stage runs whatever the one before did (a failing shard fails its stage once every shard has had its turn).
    const logged = (what: string) => (err: Error) => console.error(`${what} failed; the next hour retries`, err.message);
    const followUps = () => eachShard(env, (shard) => sweepFollowUps(shard, now)).catch(logged("follow-up sweep"));
    const webhooks = () => eachShard(env, (shard) => hourlyWebhookSweep(shard, now)).catch(logged("webhook sweep"));
    ctx.waitUntil(hourly(env, now).catch(logged("hourly work")).then(followUps).then(webhooks));
  },
} satisfies ExportedHandler<Env>;
