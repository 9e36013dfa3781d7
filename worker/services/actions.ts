// The writes that both the JSON API and the dashboard make, in one place, so a change made in the browser is
// indistinguishable from one made through the API: each commits in one batch, then lets webhooks go out.
import type { ConfigIssue, ScoringConfig } from "../../schema/scoring";
import { patchPlan } from "../core/profiles/replan";
import type { ProfileRecord } from "../core/profiles/profile";
import { parseScoringConfig, type Stage } from "../core/scoring";
import type { Env } from "../env";
import { ApiError } from "../errors";
import { planStatements } from "../store/consumer";
import { eraseProfile } from "../store/erasure";
import { deliveryById, erasureOutboxStatements, replayDelivery } from "../store/outbox";
import type { StoredProfile } from "../store/profiles";
import { forgetCachedSite, saveScoring, type Site } from "../store/sites";
import type { Subscription } from "../store/webhooks";
import { sweepWebhooks } from "./webhooks/dispatch";
import { enqueueDeliveries } from "./webhooks/message";

type Later = { waitUntil(p: Promise<unknown>): void };

/** PATCH a profile: traits merged, re-evaluated, the stage set as given; transitions go to webhooks. */
export async function updateProfile(env: Env, ctx: Later, p: StoredProfile, site: Site, patch: { stage?: Stage; traits?: Record<string, unknown> }, now: number): Promise<ProfileRecord> {
  const plan = patchPlan(p, patch, site.scoring, now);
  await env.DB.batch(planStatements(env.DB, plan, now));
  ctx.waitUntil(sweepWebhooks(env, now));
  return plan.profiles[0]!;
}

/** Erase a person everywhere; profile.deleted is written in the same batch and sent to webhooks. */
export async function erasePerson(env: Env, ctx: Later, p: StoredProfile, now: number): Promise<void> {
  await eraseProfile(env.DB, p.id, erasureOutboxStatements(env.DB, p, now));
  ctx.waitUntil(sweepWebhooks(env, now));
}

/** A new scoring configuration: validated, saved as a new version, existing profiles rescored through the queue. */
export async function saveScoringConfig(env: Env, siteId: string, input: unknown): Promise<{ ok: true; version: number; config: ScoringConfig } | { ok: false; issues: ConfigIssue[] }> {
  const parsed = parseScoringConfig(input);
  if (!parsed.ok) return parsed;
  const version = await saveScoring(env.DB, siteId, parsed.config);
  forgetCachedSite(siteId);
  await env.EVENTS.send({ v: 1, rescore: { site: siteId, version, after: null } }, { contentType: "json" });
  return { ok: true, version, config: parsed.config };
}

/** Replay a delivery now, with a fresh schedule and the same webhook-id. */
export async function replay(env: Env, sub: Subscription, deliveryId: string, now: number) {
  const found = await deliveryById(env.DB, deliveryId);
  if (!found || found.subscription_id !== sub.id) throw new ApiError(404, `No delivery ${deliveryId} for webhook ${sub.id}.`);
  if (sub.status !== "active") throw new ApiError(409, "The endpoint is disabled; PATCH it with {\"status\":\"active\"} first.", { code: "webhook_disabled" });
  const d = await replayDelivery(env.DB, found.id, now);
  if (!d) throw new ApiError(409, "An attempt of this delivery is in flight; replay it once it has finished.", { code: "attempt_in_flight" });
  await enqueueDeliveries(env.WEBHOOKS, [d]);
  return d;
}
