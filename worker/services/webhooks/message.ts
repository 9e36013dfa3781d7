// One WEBHOOKS queue message: "make attempt number attempt+1 of this delivery". The attempt number lets the
// consumer recognise a duplicate or superseded message and drop it instead of sending twice.
import * as v from "valibot";

export const WebhookMessage = v.object({
  v: v.literal(1),
  delivery_id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  attempt: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type WebhookMessage = v.InferOutput<typeof WebhookMessage>;

/** The producer side of the WEBHOOKS queue (a fake in tests). */
export type WebhookQueue = Pick<Queue<unknown>, "send" | "sendBatch">;

const SEND_BATCH_MAX = 100;

/** Enqueues one message per delivery, in sendBatch chunks (a queue accepts at most 100 messages per call). */
export async function enqueueDeliveries(queue: WebhookQueue, deliveries: { id: string; attempts: number }[]): Promise<void> {
  for (let i = 0; i < deliveries.length; i += SEND_BATCH_MAX) {
    const chunk = deliveries.slice(i, i + SEND_BATCH_MAX);
    await queue.sendBatch(chunk.map((d) => ({ body: { v: 1, delivery_id: d.id, attempt: d.attempts } satisfies WebhookMessage })));
  }
}
