// Fan-out and sweep: undispatched outbox rows become one delivery per matching endpoint (of any kind: webhooks,
// owners' alerts) and one queue message each; deliveries whose message was lost are sent again. Runs after every commit, every EVENTS batch and hourly.
import { dedupeKeyOf, targetsOf, type OutboxFacts } from "../../core/delivery/targets";
import { claimOverdue, purgeDeliveredOutbox, recordFanOut, undispatchedOutbox } from "../../store/outbox";
import { activeSubscriptions } from "../../store/webhooks";
import { enqueueDeliveries, type WebhookQueue } from "./message";
import { DEFAULT_SCORING } from "../../core/scoring";
import { filterFactsOf, type Snapshot } from "../../core/webhooks/payload";
import { cachedSite, getSite } from "../../store/sites";

export interface PipelineEnv {
  DB: D1Database;
  WEBHOOKS: WebhookQueue;
}

const OUTBOX_PAGE = 100;
/** A pending delivery this far past due has lost its queue message (a normal one is picked up within seconds). */
export const OVERDUE_GRACE_MS = 5 * 60_000;
const OVERDUE_PAGE = 500;

export const newDeliveryId = () => `dlv_${crypto.randomUUID().replaceAll("-", "")}`;

/** One page of undispatched outbox rows → delivery rows → queue messages. Returns the rows and deliveries handled. */
export async function dispatchOutbox(env: PipelineEnv, now: number): Promise<{ rows: number; deliveries: number }> {
  const rows = await undispatchedOutbox(env.DB, OUTBOX_PAGE);
  if (rows.length === 0) return { rows: 0, deliveries: 0 };
  const sites = [...new Set(rows.map((r) => r.site))];
  const subscribers = Map.groupBy(await activeSubscriptions(env.DB, sites), (s) => s.site);
  const configs = new Map(await Promise.all(sites.map(async (id) => [id, (await cachedSite(id, now, (site) => getSite(env.DB, site)))?.scoring ?? DEFAULT_SCORING] as const)));
  const deliveries = rows.flatMap((r) => {
    const snapshot = JSON.parse(r.snapshot) as Snapshot;
    const row: OutboxFacts = { type: r.type, data: JSON.parse(r.data), facts: filterFactsOf(snapshot, configs.get(r.site)!, r.at), profile_id: r.profile_id, snapshot };
    const endpoints = subscribers.get(r.site) ?? [];
    return targetsOf(row, endpoints).map((subscription_id) => ({
      id: newDeliveryId(),
      outbox_id: r.id,
      subscription_id,
      dedupe_key: dedupeKeyOf(row, endpoints.find((e) => e.id === subscription_id)!),
    }));
  });
  // Committed before anything is sent: a crash from here on leaves pending deliveries the overdue sweep resends.
  const created = await recordFanOut(env.DB, rows.map((r) => r.id), deliveries, now);
  await enqueueDeliveries(env.WEBHOOKS, created.map((id) => ({ id, attempts: 0 })));
  return { rows: rows.length, deliveries: created.length };
}

/** Dispatches what is undispatched and resends what is overdue. Never throws: what it misses, the next sweep finds. */
export async function sweepWebhooks(env: PipelineEnv, now: number, pages = 5): Promise<{ dispatched: number; requeued: number }> {
  let dispatched = 0;
  let requeued = 0;
  try {
    for (let page = 0; page < pages; page++) {
      const done = await dispatchOutbox(env, now);
      dispatched += done.deliveries;
      if (done.rows < OUTBOX_PAGE) break;
    }
    const overdue = await claimOverdue(env.DB, now, OVERDUE_GRACE_MS, OVERDUE_PAGE);
    await enqueueDeliveries(env.WEBHOOKS, overdue);
    requeued = overdue.length;
  } catch (err) {
    console.error("webhook sweep failed; the next sweep retries", (err as Error).message);
  }
  return { dispatched, requeued };
}

/** Delivered transitions are kept this long for replay, then forgotten. */
export const DELIVERED_RETENTION_MS = 30 * 86_400_000;

/** The hourly cron: a deeper sweep, then forgetting transitions delivered long ago. */
export async function hourlyWebhookSweep(env: PipelineEnv, now: number): Promise<void> {
  await sweepWebhooks(env, now, 50);
  await purgeDeliveredOutbox(env.DB, now - DELIVERED_RETENTION_MS).catch((err: Error) => console.error("webhook purge failed; the next hour retries", err.message));
}
