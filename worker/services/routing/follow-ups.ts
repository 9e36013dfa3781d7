// Follow-up deadlines: each assignment's commit is followed by a delayed EVENTS message that checks the deadline when it
// is due (in hops of at most 12 hours, the queue's limit); the hourly cron checks the ones whose message was lost. An
// overdue lead is escalated exactly once: the deadline row moves out of `waiting` and the outbox row's id is derived
// from the deadline, in one transaction (docs/ROUTING.md, "Follow-up").
import type { FollowUpMessage } from "../../../schema/event";
import type { FollowUp } from "../../core/routing/assign";
import { followUpVerdict, overdueTransition } from "../../core/routing/follow-up";
import { hopDelaySeconds } from "../../core/webhooks/schedule";
import type { Env } from "../../env";
import { profileById } from "../../store/profiles";
import { dueFollowUps, escalate, followUpOf, settleFollowUp } from "../../store/routing";

/** The producer side of the EVENTS queue, as follow-up checks use it (a fake in tests). */
export type FollowUpQueue = Pick<Queue<FollowUpMessage>, "send" | "sendBatch">;
export type FollowUpEnv = Pick<Env, "DB"> & { EVENTS: FollowUpQueue };

const SEND_BATCH_MAX = 100;
/** A deadline this far past due has lost its message (a normal one is checked within seconds of it). */
export const FOLLOW_UP_GRACE_MS = 5 * 60_000;
const SWEEP_PAGE = 500;

const messageOf = (f: Pick<FollowUp, "site" | "profile_id" | "due_at">): FollowUpMessage => ({ v: 1, follow_up: { site: f.site, profile_id: f.profile_id, due_at: f.due_at } });

/** Queues one delayed check per new deadline. Never throws: a check that cannot be queued is found by the hourly sweep. */
export async function scheduleFollowUps(queue: FollowUpQueue, followUps: readonly FollowUp[], now: number): Promise<void> {
  try {
    for (let i = 0; i < followUps.length; i += SEND_BATCH_MAX) {
      const chunk = followUps.slice(i, i + SEND_BATCH_MAX);
      await queue.sendBatch(chunk.map((f) => ({ body: messageOf(f), contentType: "json" as const, delaySeconds: hopDelaySeconds(f.due_at - now) })));
    }
  } catch (err) {
    console.error("follow-up checks not queued; the hourly sweep checks them", (err as Error).message);
  }
}

export type FollowUpResult = "waiting" | "met" | "overdue" | "dropped" | "stale";

async function checkRow(env: FollowUpEnv, row: FollowUp, now: number): Promise<FollowUpResult> {
  const profile = await profileById(env.DB, row.profile_id);
  const verdict = followUpVerdict(row, profile, now);
  if (verdict === "wait") {
    // Early (a deadline more than 12 hours away): another hop.
    await env.EVENTS.send(messageOf(row), { contentType: "json", delaySeconds: hopDelaySeconds(row.due_at - now) });
    return "waiting";
  }
  if (verdict === "overdue") {
    await escalate(env.DB, row, overdueTransition(row, profile!), profile!, now);
    return "overdue";
  }
  await settleFollowUp(env.DB, row, verdict, now);
  return verdict;
}

/** A delayed message's check: a deadline replaced by a newer assignment, or already settled, is left alone. */
export async function checkFollowUp(env: FollowUpEnv, m: FollowUpMessage["follow_up"], now: number): Promise<FollowUpResult> {
  const row = await followUpOf(env.DB, m.profile_id);
  if (!row || row.due_at !== m.due_at || row.status !== "waiting") return "stale";
  return checkRow(env, row, now);
}

/** The hourly safety net: deadlines past due (by more than the grace) whose check never ran. Returns how many escalated. */
export async function sweepFollowUps(env: FollowUpEnv, now: number): Promise<number> {
  let escalated = 0;
  for (const row of await dueFollowUps(env.DB, now - FOLLOW_UP_GRACE_MS, SWEEP_PAGE)) {
    if ((await checkRow(env, row, now)) === "overdue") escalated++;
  }
  return escalated;
}
