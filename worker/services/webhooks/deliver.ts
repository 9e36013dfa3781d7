// One delivery step: claim the delivery, render its request by the endpoint's kind (a signed webhook, a Slack or Teams
// alert, a Meta event), POST it, judge the answer by the kind, log the attempt, and schedule the next one (or stop).
import { judgeAttempt } from "../../core/delivery/judge";
import { heldBack, renderRequest } from "../../core/delivery/render";
import { checkedWebhookUrl } from "../../core/net/ssrf";
import { DEFAULT_SCORING } from "../../core/scoring";
import type { AttemptOutcome } from "../../core/webhooks/decision";
import { hopDelaySeconds, retryDelayMs } from "../../core/webhooks/schedule";
import { claimDelivery, deliveryById, markDead, outboxById, recordAttempt, type OutboxRow } from "../../store/outbox";
import { cachedSite, getSite } from "../../store/sites";
import { disableSubscription, subscriptionById, type Subscription } from "../../store/webhooks";
import { attemptDelivery, type FetchLike } from "./attempt";
import type { WebhookMessage, WebhookQueue } from "./message";
import type { Snapshot } from "../../core/webhooks/payload";

export interface DeliverDeps {
  DB: D1Database;
  WEBHOOKS: WebhookQueue;
  fetch: FetchLike;
  /** epoch ms; read at each step, since an attempt takes time (latency, the signed timestamp) */
  clock: () => number;
  schedule: readonly number[];
  /** development: http and loopback endpoints are allowed (see core/ssrf.ts) */
  allowLocal: boolean;
  /** the dashboard's public origin, for the links in alerts */
  publicUrl: string;
  /** the Graph API's base URL for Meta endpoints (META_GRAPH_URL) */
  metaGraphUrl?: string;
  timeoutMs?: number;
}

/** An attempt in flight holds the delivery this long (the timeout plus margin); a crashed one is taken over after. */
const LEASE_MS = 60_000;
/** Queue delays are whole seconds; a message this early still counts as due. */
const EARLY_MS = 1_000;

export type StepResult = "delivered" | "retry" | "failed" | "dead" | "missing" | "finished" | "stale" | "in_flight" | "waiting";

function secretsOf(sub: Subscription, now: number): string[] {
  const previousValid = sub.previous_secret && (sub.previous_expires_at ?? 0) > now;
  return previousValid ? [sub.secret, sub.previous_secret!] : [sub.secret];
}

/** Why a message did not claim its delivery; a message that is merely early waits another hop. */
async function unclaimed(m: WebhookMessage, deps: DeliverDeps, now: number): Promise<StepResult> {
  const d = await deliveryById(deps.DB, m.delivery_id);
  if (!d) return "missing";
  if (d.status !== "pending") return "finished";
  if (d.attempts !== m.attempt) return "stale";
  if ((d.lease_until ?? 0) > now) return "in_flight";
  await deps.WEBHOOKS.send(m, { delaySeconds: hopDelaySeconds((d.next_attempt_at ?? now) - now) });
  return "waiting";
}

async function attemptOf(outbox: OutboxRow, sub: Subscription, deps: DeliverDeps) {
  const site = await cachedSite(outbox.site, deps.clock(), (id) => getSite(deps.DB, id));
  const now = deps.clock();
  const message = { type: outbox.type, at: outbox.at, data: JSON.parse(outbox.data), snapshot: JSON.parse(outbox.snapshot) as Snapshot };
  const held = heldBack(sub.kind, { message, now });
  if (held) return { outcome: { kind: "refused", reason: `not sent: ${held}` } satisfies AttemptOutcome, latency_ms: null, excerpt: null };
  const req = await renderRequest({
    id: outbox.id,
    message,
    endpoint: { kind: sub.kind, url: sub.url, config: sub.config, secrets: secretsOf(sub, now) },
    scoring: site?.scoring ?? DEFAULT_SCORING,
    publicUrl: deps.publicUrl,
    now,
    metaGraphUrl: deps.metaGraphUrl,
  });
  const checked = checkedWebhookUrl(req.url, { allowLocal: deps.allowLocal });
  if (!checked.ok) return { outcome: { kind: "refused", reason: `the URL is refused: ${checked.reason}` } satisfies AttemptOutcome, latency_ms: null, excerpt: null };
  return attemptDelivery(deps.fetch, { url: checked.url, headers: req.headers, body: req.body, errorBytes: req.errorBytes }, deps.clock, deps.timeoutMs);
}

export async function deliverStep(m: WebhookMessage, deps: DeliverDeps): Promise<StepResult> {
  const now = deps.clock();
  const d = await claimDelivery(deps.DB, { id: m.delivery_id, attempt: m.attempt, now, leaseMs: LEASE_MS, earlyMs: EARLY_MS });
  if (!d) return unclaimed(m, deps, now);
  const [sub, outbox] = await Promise.all([subscriptionById(deps.DB, d.subscription_id), outboxById(deps.DB, d.outbox_id)]);
  if (!sub || !outbox || sub.status !== "active") {
    const reason = !sub ? "the endpoint was deleted" : !outbox ? "the transition is no longer stored" : `the endpoint is disabled: ${sub.disabled_reason ?? "by the API"}`;
    await markDead(deps.DB, d.id, reason, now);
    return "dead";
  }
  const { outcome, latency_ms, excerpt } = await attemptOf(outbox, sub, deps);
  const { decision, error } = judgeAttempt(sub.kind, outcome, excerpt);
  const wait = decision === "retry" ? retryDelayMs(d.round_attempts + 1, deps.schedule) : null;
  const status = decision === "delivered" ? "delivered" : decision === "retry" ? (wait === null ? "failed" : "pending") : "dead";
  const done = deps.clock();
  await recordAttempt(deps.DB, d.id, {
    status,
    response_code: outcome.kind === "response" ? outcome.status : null,
    latency_ms,
    last_error: error,
    next_attempt_at: status === "pending" ? done + wait! : null,
  }, done);
  if (decision === "disable") await disableSubscription(deps.DB, sub.id, "the endpoint answered 410 Gone", done);
  if (status === "pending") await deps.WEBHOOKS.send({ v: 1, delivery_id: d.id, attempt: d.attempts + 1 } satisfies WebhookMessage, { delaySeconds: hopDelaySeconds(wait!) });
  return status === "pending" ? "retry" : status;
}
