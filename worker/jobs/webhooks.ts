// WEBHOOKS consumer: each message is one step of one delivery; messages are handled side by side and each is acked
// (handled, or safely dropped as a duplicate) or retried (the store failed) on its own.
import { controlDb } from "../shards";
import * as v from "valibot";
import { isDevelopment, metaGraphUrlOf, publicUrlOf, type Env } from "../env";
import { scheduleFrom } from "../core/webhooks/schedule";
import { insertDeadLetters } from "../store/dead-letters";
import { deadLetterOf } from "./dead-letters";
import type { FetchLike } from "../services/webhooks/attempt";
import { deliverStep } from "../services/webhooks/deliver";
import { WebhookMessage } from "../services/webhooks/message";

export interface WebhookConsumerDeps {
  fetch: FetchLike;
  clock: () => number;
  timeoutMs?: number;
}

/** Store failures are retried by the queue, 2 s … 5 min apart; after max_retries the message is dead-lettered. */
const storeRetrySeconds = (attempts: number) => Math.min(300, 2 ** Math.max(1, attempts));

export async function consumeWebhooks(batch: MessageBatch<unknown>, env: Env, deps: WebhookConsumerDeps): Promise<void> {
  const step = {
    DB: env.DB,
    WEBHOOKS: env.WEBHOOKS,
    schedule: scheduleFrom(env.WEBHOOK_RETRY_SCHEDULE_MS),
    allowLocal: isDevelopment(env),
    publicUrl: publicUrlOf(env),
    metaGraphUrl: metaGraphUrlOf(env),
    ...deps,
  };
  await Promise.all(
    batch.messages.map(async (msg) => {
      try {
        const parsed = v.safeParse(WebhookMessage, msg.body);
        // Retrying an unreadable message cannot help: it is kept as a dead letter instead.
        if (!parsed.success) await insertDeadLetters(controlDb(env), [deadLetterOf(batch.queue, msg.body, "unreadable", v.summarize(parsed.issues), deps.clock())]);
        else await deliverStep(parsed.output, step);
        msg.ack();
      } catch (err) {
        // The delivery row is untouched or leased: a retried message either claims it again or finds it handled.
        console.error("webhook message failed; retrying", msg.id, (err as Error).message);
        msg.retry({ delaySeconds: storeRetrySeconds(msg.attempts) });
      }
    }),
  );
}
