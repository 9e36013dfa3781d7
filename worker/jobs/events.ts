// EVENTS consumer: one D1 transaction per batch; each message is acked, retried or dead-lettered on its own.
import * as v from "valibot";
import { QueueMessage, type CollectedEvent, type RescoreMessage } from "../../schema/event";
import { planBatch } from "../core/profiles/plan";
import { rescorePlan } from "../core/profiles/replan";
import type { Env } from "../env";
import { commit } from "../store/commit";
import { loadKnown } from "../store/consumer";
import { insertDeadLetters } from "../store/health";
import { historiesPage } from "../store/rescore";
import { getSite } from "../store/sites";

export interface ConsumeOptions {
  now: number;
  newId?: () => string;
}

/** Writes the events of some messages; throws when D1 fails, leaving nothing half-written. */
export async function storeEvents(db: D1Database, events: CollectedEvent[], options: ConsumeOptions): Promise<number> {
  const known = await loadKnown(db, events);
  if (known.fresh.length === 0) return 0;
  const plan = planBatch(known.fresh, known, { now: options.now, newId: options.newId ?? (() => `p_${crypto.randomUUID().replaceAll("-", "")}`) });
  await commit(db, plan, options.now);
  return plan.events.length;
}

/** Retry delays grow with the attempt: 2 s, 4 s, 8 s … capped at 5 minutes. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(300, 2 ** Math.max(1, attempts));
}

export async function consumeEvents(batch: MessageBatch<unknown>, env: Env, options: ConsumeOptions): Promise<void> {
  const readable: { msg: Message<unknown>; events: CollectedEvent[] }[] = [];
  for (const msg of batch.messages) {
    const parsed = v.safeParse(QueueMessage, msg.body);
    if (parsed.success) {
      const body = parsed.output;
      if ("rescore" in body) await rescoreMessage(msg, body, env, options);
      else readable.push({ msg, events: body.events });
    } else {
      // Retrying an unreadable message cannot help: it goes straight to the dead-letter queue.
      await env.EVENTS_DLQ.send({ reason: "unreadable", body: msg.body });
      msg.ack();
    }
  }
  if (readable.length === 0) return;
  try {
    await storeEvents(env.DB, readable.flatMap((r) => r.events), options);
    for (const r of readable) r.msg.ack();
  } catch (err) {
    console.error("events batch failed; isolating messages", (err as Error).message);
    // One message may be the cause: store them one by one so the others are not held back.
    for (const r of readable) {
      try {
        await storeEvents(env.DB, r.events, options);
        r.msg.ack();
      } catch (e) {
        console.error("events message failed", r.msg.id, (e as Error).message);
        r.msg.retry({ delaySeconds: retryDelaySeconds(r.msg.attempts) });
      }
    }
  }
}

/** Dead letters are kept in D1 where an operator can read and replay them. */
export async function recordDeadLetters(batch: MessageBatch<unknown>, env: Env, now: number): Promise<void> {
  const rows = batch.messages.map((m) => {
    const body = m.body as { reason?: unknown; body?: unknown } | null;
    const reason = typeof body?.reason === "string" ? body.reason : "retries_exhausted";
    return { queue: batch.queue, reason, body: JSON.stringify(typeof body?.reason === "string" ? body.body : m.body), at: now };
  });
  await insertDeadLetters(env.DB, rows);
  batch.ackAll();
}

/** Profiles rescored per message; the next page is another message, so no invocation runs long. */
export const RESCORE_PAGE = 200;

/** Rescores one page of a site's profiles under its current configuration, then queues the next page. */
export async function rescorePage(env: Env, job: RescoreMessage["rescore"], now: number): Promise<void> {
  const site = await getSite(env.DB, job.site);
  if (!site || site.scoring_version !== job.version) return; // deleted, or a newer configuration took over
  const histories = await historiesPage(env.DB, site.id, job.after, RESCORE_PAGE);
  if (histories.length === 0) return;
  await commit(env.DB, rescorePlan(histories, site.scoring, now), now);
  if (histories.length === RESCORE_PAGE) {
    await env.EVENTS.send({ v: 1, rescore: { ...job, after: histories[histories.length - 1]!.profile.id } }, { contentType: "json" });
  }
}

async function rescoreMessage(msg: Message<unknown>, body: RescoreMessage, env: Env, options: ConsumeOptions): Promise<void> {
  try {
    await rescorePage(env, body.rescore, options.now);
    msg.ack();
  } catch (err) {
    console.error("rescore page failed", body.rescore.site, (err as Error).message);
    msg.retry({ delaySeconds: retryDelaySeconds(msg.attempts) });
  }
}
