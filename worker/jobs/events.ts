// EVENTS consumer: one D1 transaction per batch when all goes well. Each message is read in its own guard, and when
// the batch's write fails every message is stored on its own, so one bad message never holds back its batch-mates.
// A message that cannot be stored is retried while the failure may pass, and otherwise kept as a dead letter with its
// raw body: counted, visible through the API, replayable. Nothing is acked in a blanket catch.
import { controlDb, shardEnv, shardOfQueue } from "../shards";
import { shardsOfSites } from "../store/directory";
import * as v from "valibot";
import { QueueMessage, type CollectedEvent, type FollowUpMessage, type RescoreMessage } from "../../schema/event";
import { planBatch, type Plan } from "../core/profiles/plan";
import { rescorePlan } from "../core/profiles/replan";
import { assignOwners } from "../core/routing/assign";
import type { Env } from "../env";
import { checkFollowUp, scheduleFollowUps, type FollowUpQueue } from "../services/routing/follow-ups";
import { archiveIndexOf, archiveObjectsOf } from "../core/archive/layout";
import { ArchiveUnavailable, discardUncommitted, writeArchive } from "../store/archive";
import { commit } from "../store/commit";
import { loadKnown } from "../store/consumer";
import { insertDeadLetters, type DeadLetter } from "../store/dead-letters";
import { historiesPage } from "../store/rescore";
import { loadRouting, untilRotationSettles } from "../store/routing";
import { loadAccounts } from "../store/accounts";
import { accountsToLoad } from "../core/accounts/plan-accounts";
import { commitPlan } from "../services/commit-plan";
import { getSite } from "../store/sites";
import { bumpStats } from "../store/stats";
import { utcDay } from "../core/time";
import { deadLetterOf, siteOfBody } from "./dead-letters";

export interface ConsumeOptions {
  now: number;
  newId?: () => string;
  /** where the follow-up checks of the assignments a batch makes are queued (the EVENTS queue) */
  followUps?: FollowUpQueue;
}

/** A failure of the message itself (its content cannot be planned): retrying cannot help. */
export class PoisonMessage extends Error {
  override name = "PoisonMessage";
}

/** A message whose store keeps failing is dead-lettered on this attempt (below the queue's max_retries). */
export const MAX_STORE_ATTEMPTS = 5;

/** Where the consumer writes: D1, and the R2 archive of raw events. */
export type EventStores = Pick<Env, "DB" | "ARCHIVE">;

/** Writes the events of some messages; throws when R2 or D1 fails, leaving nothing half-written. Events of a site that
 *  no longer exists are dropped and counted (unknown_site). A batch planned from a round-robin counter that another
 *  commit moved first is planned again from what that commit left. */
export async function storeEvents(stores: EventStores, events: CollectedEvent[], options: ConsumeOptions): Promise<number> {
  let attempt = 0;
  return untilRotationSettles(() => storeOnce(stores, events, options, ++attempt === 1));
}

/** The archive objects go first: once the commit stores an event, R2 holds it too (a retry rewrites the same keys). */
async function storeOnce(stores: EventStores, events: CollectedEvent[], options: ConsumeOptions, countDrops: boolean): Promise<number> {
  const plan = await planEvents(stores.DB, events, options, countDrops);
  if (!plan) return 0;
  const objects = archiveObjectsOf(plan.events);
  await writeArchive(stores.ARCHIVE, objects);
  try {
    await commit(stores.DB, { ...plan, archived: archiveIndexOf(objects) }, options.now);
  } catch (err) {
    await discardUncommitted(stores.DB, stores.ARCHIVE, objects);
    throw err;
  }
  if (options.followUps) await scheduleFollowUps(options.followUps, plan.follow_ups, options.now);
  return plan.events.length;
}

/** Reads what the events need and plans them (null when none is left to store); nothing is written but drop counts. */
export async function planEvents(db: D1Database, events: CollectedEvent[], options: ConsumeOptions, countDrops = true): Promise<Plan | null> {
  const known = await loadKnown(db, events);
  const fresh = known.fresh.filter((e) => known.sites.has(e.site));
  const orphans = known.fresh.length - fresh.length;
  if (orphans && countDrops) await bumpStats(db, [{ site: "", day: utcDay(options.now), metric: "dropped:unknown_site", n: orphans }]);
  if (fresh.length === 0) return null;
  const [routing, accounts] = await Promise.all([
    loadRouting(db, [...known.sites]),
    loadAccounts(db, [...known.sites], accountsToLoad(known.profiles.values(), fresh)),
  ]);
  let plan: Plan;
  try {
    const newId = options.newId ?? (() => `p_${crypto.randomUUID().replaceAll("-", "")}`);
    plan = planBatch(fresh, { ...known, routing: (site) => routing.get(site) ?? null, accounts }, { now: options.now, newId });
  } catch (err) {
    throw new PoisonMessage((err as Error).message);
  }
  return plan;
}

/** Retry delays grow with the attempt: 2 s, 4 s, 8 s … capped at 5 minutes. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(300, 2 ** Math.max(1, attempts));
}

type Readable = { msg: Message<unknown>; events: CollectedEvent[] };
type Outcome = { msg: Message<unknown>; letter?: DeadLetter; retry?: boolean };

type Job = { msg: Message<unknown>; job: RescoreMessage | FollowUpMessage };

/** Reads one message: events to store, a job (a rescore page, a follow-up check), or a dead letter. Never throws. */
function readMessage(msg: Message<unknown>, queue: string, now: number): Readable | Job | Outcome {
  try {
    const parsed = v.safeParse(QueueMessage, msg.body);
    if (!parsed.success) return { msg, letter: deadLetterOf(queue, msg.body, "unreadable", v.summarize(parsed.issues).slice(0, 1000), now) };
    return "events" in parsed.output ? { msg, events: parsed.output.events } : { msg, job: parsed.output };
  } catch (err) {
    return { msg, letter: deadLetterOf(queue, msg.body, "unreadable", err, now) };
  }
}

/** Stores messages one by one after their shared write failed; each is acked, retried or dead-lettered on its own. */
async function storeAlone(messages: Readable[], env: Env, queue: string, options: ConsumeOptions): Promise<Outcome[]> {
  const results: { r: Readable; error?: unknown }[] = [];
  for (const r of messages) {
    try {
      await storeEvents(env, r.events, options);
      results.push({ r });
    } catch (error) {
      results.push({ r, error });
    }
  }
  // When some messages of the batch were stored, the store works: a message that still fails is the message's fault
  // (unless R2 refused it: an archive failure is the archive's, and the message waits for it).
  const storeWorks = results.some((x) => x.error === undefined);
  return results.map(({ r, error }) => {
    if (error === undefined) return { msg: r.msg };
    console.error("events message failed", r.msg.id, (error as Error)?.message);
    const blamed = storeWorks && !(error instanceof ArchiveUnavailable);
    const poison = error instanceof PoisonMessage || blamed || r.msg.attempts >= MAX_STORE_ATTEMPTS;
    return poison ? { msg: r.msg, letter: deadLetterOf(queue, r.msg.body, "not_stored", error, options.now) } : { msg: r.msg, retry: true };
  });
}

/**
 * A batch's messages go to the shard of the site each names (worker/shards.ts), each shard's messages in one transaction
 * there; a message naming no known site goes to its queue's shard, which drops and counts its events. Returns the envs
 * of the shards written to (for their webhook sweeps).
 */
export async function consumeEvents(batch: MessageBatch<unknown>, env: Env, consume: ConsumeOptions): Promise<Env[]> {
  const fallback = shardOfQueue(batch.queue);
  // Read from the directory, not a cache: a site deleted and made again on another shard is written where it is now.
  const sites = batch.messages.map((msg) => siteOfBody(msg.body));
  const shards = await shardsOfSites(controlDb(env), [...new Set(sites.filter((s) => s !== null))]);
  const byShard = new Map<string, Message<unknown>[]>();
  batch.messages.forEach((msg, i) => {
    const shard = shards.get(sites[i]!) ?? fallback;
    byShard.set(shard, [...(byShard.get(shard) ?? []), msg]);
  });
  const envs: Env[] = [];
  for (const [shard, messages] of byShard) {
    const scoped = shardEnv(env, shard);
    await consumeShard(messages, batch.queue, scoped, consume);
    envs.push(scoped);
  }
  return envs;
}

/** One shard's messages of a batch, in that shard's env. */
async function consumeShard(messages: readonly Message<unknown>[], queue: string, env: Env, consume: ConsumeOptions): Promise<void> {
  const batch = { queue };
  const options = { followUps: env.EVENTS, ...consume };
  const outcomes: Outcome[] = [];
  const readable: Readable[] = [];
  for (const msg of messages) {
    const read = readMessage(msg, batch.queue, options.now);
    if ("job" in read) outcomes.push(await jobMessage(read, env, batch.queue, options));
    else if ("events" in read) readable.push(read);
    else outcomes.push(read);
  }
  if (readable.length) {
    try {
      await storeEvents(env, readable.flatMap((r) => r.events), options);
      outcomes.push(...readable.map((r) => ({ msg: r.msg })));
    } catch (err) {
      console.error("events batch failed; storing its messages one by one", (err as Error)?.message);
      outcomes.push(...(await storeAlone(readable, env, batch.queue, options)));
    }
  }
  await settle(outcomes, env);
}

/** Acks what was stored, records dead letters (then acks them), retries the rest; a letter that cannot be written is retried. */
async function settle(outcomes: Outcome[], env: Env): Promise<void> {
  const letters = outcomes.filter((o) => o.letter);
  let lettersKept = letters.length === 0;
  if (!lettersKept) {
    try {
      await insertDeadLetters(controlDb(env), letters.map((o) => o.letter!));
      lettersKept = true;
    } catch (err) {
      console.error("dead letters not written; their messages are retried", (err as Error)?.message);
    }
  }
  for (const o of outcomes) {
    if (o.retry || (o.letter && !lettersKept)) o.msg.retry({ delaySeconds: retryDelaySeconds(o.msg.attempts) });
    else o.msg.ack();
  }
}

/** Profiles rescored per message (fewer when their archived events are many); the next page is another message, so
 *  no invocation runs long or holds much. */
export const RESCORE_PAGE = 200;

/** Rescores one page of a site's profiles under its current configuration, then queues the next page. Events the
 *  retention purge took from D1 come back from the archive. Profiles the new configuration qualifies get their owners in the
 *  same commit, as they would from events. */
export async function rescorePage(env: Env, job: RescoreMessage["rescore"], now: number): Promise<void> {
  const site = await getSite(env.DB, job.site);
  if (!site || site.scoring_version !== job.version) return; // deleted, or a newer configuration took over
  const page = await historiesPage(env.DB, env.ARCHIVE, { site: site.id, after: job.after, limit: RESCORE_PAGE });
  const histories = page.histories;
  if (histories.length === 0) return;
  const before = new Map(histories.map((h) => [h.profile.id, h.profile.stage]));
  const plan = await commitPlan(env.DB, rescorePlan(histories, site.scoring, now), {
    site,
    now,
    route: (rescored, routing, accountOwner) => assignOwners(rescored, { before: (id) => before.get(id) ?? "visitor", routing: () => routing, now, accountOwner }),
  });
  await scheduleFollowUps(env.EVENTS, plan.follow_ups, now);
  if (page.more) await env.EVENTS.send({ v: 1, rescore: { ...job, after: page.last } }, { contentType: "json" });
}

/** A rescore page or a follow-up check: acked when done, retried while the store fails, then kept as a dead letter. */
async function jobMessage({ msg, job }: Job, env: Env, queue: string, options: ConsumeOptions): Promise<Outcome> {
  const [what, site] = "rescore" in job ? ["rescored", job.rescore.site] : ["checked", job.follow_up.site];
  try {
    if ("rescore" in job) await rescorePage(env, job.rescore, options.now);
    else await checkFollowUp(env, job.follow_up, options.now);
    return { msg };
  } catch (err) {
    console.error(`job not ${what}`, site, (err as Error)?.message);
    if (msg.attempts >= MAX_STORE_ATTEMPTS) return { msg, letter: deadLetterOf(queue, msg.body, `not_${what}`, err, options.now) };
    return { msg, retry: true };
  }
}
