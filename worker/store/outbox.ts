// The webhook pipeline's rows: the outbox (transitions written inside the profile change's own db.batch(), keyed by
// webhook-id so a repeated write adds nothing), its fan-out into delivery rows, and each delivery's life and log.
import type { Plan } from "../core/profiles/plan";
import { webhookIdOf, type TransitionKey } from "../core/webhooks/id";
import { stubOf, type ProfileStub, type Snapshot } from "../core/webhooks/payload";
import { jsonChunks } from "./json-chunks";
import { notGone } from "./tombstones";

export interface OutboxRow {
  id: string;
  site: string;
  type: string;
  profile_id: string;
  at: number;
  data: string;
  snapshot: string;
  created_at: number;
  dispatched_at: number | null;
}

const INSERT_OUTBOX = `
INSERT OR IGNORE INTO webhook_outbox (id, site, type, profile_id, at, data, snapshot, created_at)
SELECT j.value->>'id', j.value->>'site', j.value->>'type', j.value->>'profile_id', j.value->>'at', j.value->>'data', j.value->>'snapshot', ?2
FROM json_each(?1) j WHERE j.value->>'type' = 'profile.deleted' OR ${notGone("j.value->>'site'", "j.value->>'profile_id'")}`;

function entryOf(t: TransitionKey, snapshot: Snapshot) {
  return { id: webhookIdOf(t), site: t.site, type: t.type, profile_id: t.profile_id, at: t.at, data: JSON.stringify(t.data), snapshot: JSON.stringify(snapshot) };
}

/** The outbox INSERTs for a plan's transitions (none without transitions); each carries its profile (or its account) as
 *  the plan leaves it. */
export function outboxStatements(db: D1Database, plan: Pick<Plan, "transitions" | "profiles"> & Partial<Pick<Plan, "accounts">>, now: number): D1PreparedStatement[] {
  const records = new Map(plan.profiles.map((p) => [p.id, p]));
  const accounts = new Map((plan.accounts ?? []).map((w) => [w.record.id, w]));
  const rows = plan.transitions.map((t) => {
    const record = records.get(t.profile_id);
    const account = accounts.get(t.profile_id);
    if (account) return entryOf(t, { account: account.record, threshold: account.threshold });
    return entryOf(t, record ? { record } : { stub: { id: t.profile_id, site: t.site, email: null, user_id: null } });
  });
  return jsonChunks(rows).map((chunk) => db.prepare(INSERT_OUTBOX).bind(chunk.json, now));
}

/**
 * For an erasure's own batch: a `profile.deleted` row carrying only the stub, and the person's earlier outbox rows
 * (merged-away ids included) cut down to the stub too — their snapshots held everything the erasure removes.
 */
export function erasureOutboxStatements(db: D1Database, person: ProfileStub, now: number): D1PreparedStatement[] {
  const stub = stubOf(person);
  const deleted: TransitionKey = { site: stub.site, profile_id: stub.id, type: "profile.deleted", at: now, data: {} };
  return [
    db.prepare(
      `UPDATE webhook_outbox SET snapshot = json_object('stub', json_set(json(?2), '$.id', profile_id))
       WHERE profile_id = ?1 OR profile_id IN (SELECT from_id FROM merges WHERE into_id = ?1)`,
    ).bind(stub.id, JSON.stringify(stub)),
    db.prepare(INSERT_OUTBOX).bind(JSON.stringify([entryOf(deleted, { stub })]), now),
  ];
}

export async function undispatchedOutbox(db: D1Database, limit: number): Promise<OutboxRow[]> {
  const { results } = await db.prepare("SELECT * FROM webhook_outbox WHERE dispatched_at IS NULL ORDER BY created_at LIMIT ?1").bind(limit).all<OutboxRow>();
  return results;
}

export async function outboxById(db: D1Database, id: string): Promise<OutboxRow | null> {
  return db.prepare("SELECT * FROM webhook_outbox WHERE id = ?1").bind(id).first<OutboxRow>();
}

// A delivery whose dedupe key the endpoint already has (one Meta event per person and stage) is not created.
const INSERT_DELIVERIES = `
INSERT OR IGNORE INTO webhook_deliveries (id, outbox_id, subscription_id, next_attempt_at, created_at, updated_at, dedupe_key)
SELECT j.value->>'id', j.value->>'outbox_id', j.value->>'subscription_id', ?2, ?2, ?2, j.value->>'dedupe_key' FROM json_each(?1) j
WHERE EXISTS (SELECT 1 FROM webhook_outbox o WHERE o.id = j.value->>'outbox_id' AND o.dispatched_at IS NULL)
RETURNING id`;

export interface NewDelivery {
  id: string;
  outbox_id: string;
  subscription_id: string;
  /** at most one delivery per endpoint and key (null: no limit) */
  dedupe_key?: string | null;
}

/**
 * Creates the delivery rows of some outbox rows and marks those rows dispatched, in one transaction. Returns the
 * deliveries actually created: a concurrent fan-out of the same rows finds them dispatched and creates none.
 */
export async function recordFanOut(db: D1Database, outboxIds: string[], deliveries: NewDelivery[], now: number): Promise<string[]> {
  const [inserted] = await db.batch<{ id: string }>([
    db.prepare(INSERT_DELIVERIES).bind(JSON.stringify(deliveries), now),
    db.prepare("UPDATE webhook_outbox SET dispatched_at = ?2 WHERE id IN (SELECT value FROM json_each(?1)) AND dispatched_at IS NULL").bind(JSON.stringify(outboxIds), now),
  ]);
  return inserted!.results.map((r) => r.id);
}

/**
 * Forgets transitions dispatched before `before` whose every delivery succeeded; failed and dead ones stay replayable.
 * A delivered delivery with a dedupe key stays (without its transition): it is what keeps a Meta event from being sent
 * a second time when the person reaches the stage again.
 */
export async function purgeDeliveredOutbox(db: D1Database, before: number, limit = 1000): Promise<number> {
  const allDelivered = `SELECT o.id FROM webhook_outbox o WHERE o.dispatched_at < ?1
    AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.outbox_id = o.id AND d.status != 'delivered') LIMIT ?2`;
  const [, outbox] = await db.batch([
    db.prepare(`DELETE FROM webhook_deliveries WHERE dedupe_key IS NULL AND outbox_id IN (${allDelivered})`).bind(before, limit),
    db.prepare(`DELETE FROM webhook_outbox WHERE id IN (${allDelivered})`).bind(before, limit),
  ]);
  return outbox!.meta.changes;
}

export interface DeliveryRow {
  id: string;
  outbox_id: string;
  subscription_id: string;
  status: "pending" | "delivered" | "failed" | "dead";
  attempts: number;
  round_attempts: number;
  next_attempt_at: number | null;
  lease_until: number | null;
  response_code: number | null;
  latency_ms: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
  delivered_at: number | null;
}

export async function deliveryById(db: D1Database, id: string): Promise<DeliveryRow | null> {
  return db.prepare("SELECT * FROM webhook_deliveries WHERE id = ?1").bind(id).first<DeliveryRow>();
}

/**
 * Takes the right to make attempt number `attempt + 1`: the row must be pending, due (within `earlyMs`), not leased by
 * an attempt in flight, and still at `attempt` — so a duplicate or superseded queue message can never send twice.
 */
export async function claimDelivery(db: D1Database, c: { id: string; attempt: number; now: number; leaseMs: number; earlyMs: number }): Promise<DeliveryRow | null> {
  return db
    .prepare(
      `UPDATE webhook_deliveries SET lease_until = ?3 + ?4, updated_at = ?3
       WHERE id = ?1 AND attempts = ?2 AND status = 'pending' AND (lease_until IS NULL OR lease_until <= ?3) AND COALESCE(next_attempt_at, 0) <= ?3 + ?5
       RETURNING *`,
    )
    .bind(c.id, c.attempt, c.now, c.leaseMs, c.earlyMs)
    .first<DeliveryRow>();
}

export interface AttemptRecord {
  status: DeliveryRow["status"];
  response_code: number | null;
  latency_ms: number | null;
  last_error: string | null;
  next_attempt_at: number | null;
}

/** Logs one attempt and releases the lease. */
export async function recordAttempt(db: D1Database, id: string, r: AttemptRecord, now: number): Promise<void> {
  await db
    .prepare(
      `UPDATE webhook_deliveries SET status = ?2, attempts = attempts + 1, round_attempts = round_attempts + 1, response_code = ?3,
         latency_ms = ?4, last_error = ?5, next_attempt_at = ?6, lease_until = NULL, updated_at = ?7,
         delivered_at = CASE WHEN ?2 = 'delivered' THEN ?7 ELSE delivered_at END
       WHERE id = ?1`,
    )
    .bind(id, r.status, r.response_code, r.latency_ms, r.last_error, r.next_attempt_at, now)
    .run();
}

/** A delivery that cannot be attempted (its endpoint or transition is gone) is closed without an attempt. */
export async function markDead(db: D1Database, id: string, reason: string, now: number): Promise<void> {
  await db
    .prepare("UPDATE webhook_deliveries SET status = 'dead', last_error = ?2, next_attempt_at = NULL, lease_until = NULL, updated_at = ?3 WHERE id = ?1")
    .bind(id, reason, now)
    .run();
}

/** Makes a delivery due now with a fresh retry schedule (the attempt count, and so the log, carries on); null while an attempt is in flight. */
export async function replayDelivery(db: D1Database, id: string, now: number): Promise<DeliveryRow | null> {
  return db
    .prepare(
      `UPDATE webhook_deliveries SET status = 'pending', round_attempts = 0, next_attempt_at = ?2, lease_until = NULL, updated_at = ?2
       WHERE id = ?1 AND (lease_until IS NULL OR lease_until <= ?2) RETURNING *`,
    )
    .bind(id, now)
    .first<DeliveryRow>();
}

/**
 * Pending deliveries overdue by more than `graceMs` whose queue message was lost (a crash between commit and send, a
 * failed send): they are made due again now, so the next sweep leaves them alone while their new message travels.
 */
export async function claimOverdue(db: D1Database, now: number, graceMs: number, limit: number): Promise<{ id: string; attempts: number }[]> {
  const { results } = await db
    .prepare(
      `UPDATE webhook_deliveries SET next_attempt_at = ?1, updated_at = ?1
       WHERE id IN (SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= ?1 - ?2
                    AND (lease_until IS NULL OR lease_until <= ?1) LIMIT ?3)
       RETURNING id, attempts`,
    )
    .bind(now, graceMs, limit)
    .all<{ id: string; attempts: number }>();
  return results;
}

export type LoggedDelivery = DeliveryRow & { type: string | null; profile_id: string | null };

/** An endpoint's delivery log, newest first, keyset-paged by (created_at, id). */
export async function deliveryLog(db: D1Database, q: { subscription: string; before?: { at: number; id: string }; status?: string; limit: number }): Promise<LoggedDelivery[]> {
  const { results } = await db
    .prepare(
      `SELECT d.*, o.type, o.profile_id FROM webhook_deliveries d LEFT JOIN webhook_outbox o ON o.id = d.outbox_id
       WHERE d.subscription_id = ?1 AND (?2 IS NULL OR d.status = ?2)
         AND (?3 IS NULL OR d.created_at < ?3 OR (d.created_at = ?3 AND d.id < ?4))
       ORDER BY d.created_at DESC, d.id DESC LIMIT ?5`,
    )
    .bind(q.subscription, q.status ?? null, q.before?.at ?? null, q.before?.id ?? null, q.limit)
    .all<LoggedDelivery>();
  return results;
}
