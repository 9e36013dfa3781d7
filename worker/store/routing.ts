// Routing's rows: each site's configuration (versioned) with its alert endpoints kept in step, the round-robin counters
// a commit advances by compare and swap, and the follow-up deadlines with their one escalation.
import { parseRoutingShape, type RoutingConfig } from "../../schema/routing";
import { ALERT_KINDS, ALERT_TYPES, type FollowUpStatus } from "../../schema/vocabulary";
import type { AlertEndpoint } from "../core/alerts/endpoints";
import type { Plan, Transition } from "../core/profiles/plan";
import type { ProfileRecord } from "../core/profiles/profile";
import type { FollowUp, SiteRouting } from "../core/routing/assign";
import { isAccountConflict } from "./accounts";
import { jsonChunks } from "./json-chunks";
import { outboxStatements } from "./outbox";

export interface StoredRouting {
  config: RoutingConfig;
  version: number;
  updated_at: number;
}

/** A stored configuration was validated when saved; one that no longer parses counts as none (nobody is assigned). */
function configOf(json: string): RoutingConfig | null {
  const parsed = parseRoutingShape(JSON.parse(json));
  return parsed.ok ? parsed.config : null;
}

export async function routingOf(db: D1Database, site: string): Promise<StoredRouting | null> {
  const row = await db.prepare("SELECT config, version, updated_at FROM routing WHERE site = ?1").bind(site).first<{ config: string; version: number; updated_at: number }>();
  const config = row ? configOf(row.config) : null;
  return row && config ? { config, version: row.version, updated_at: row.updated_at } : null;
}

/** The routing of some sites with their round-robin counters, as a plan reads them (one round trip). */
export async function loadRouting(db: D1Database, sites: string[]): Promise<Map<string, SiteRouting>> {
  const list = JSON.stringify([...new Set(sites)]);
  const [configs, counters] = await db.batch<Record<string, unknown>>([
    db.prepare("SELECT site, config, version FROM routing WHERE site IN (SELECT value FROM json_each(?1))").bind(list),
    db.prepare("SELECT site, pool, next FROM routing_rotations WHERE site IN (SELECT value FROM json_each(?1))").bind(list),
  ]);
  const rotations = Map.groupBy(counters!.results, (r) => String(r.site));
  const out = new Map<string, SiteRouting>();
  for (const r of configs!.results) {
    const config = configOf(String(r.config));
    if (!config || config.owners.length === 0) continue;
    const site = String(r.site);
    out.set(site, { config, version: Number(r.version), rotations: new Map((rotations.get(site) ?? []).map((c) => [String(c.pool), Number(c.next)])) });
  }
  return out;
}

const ALERT_EVENTS = JSON.stringify(ALERT_TYPES);
/** The endpoint kinds the routing keeps in step (other kinds, webhooks and ad platforms, are managed elsewhere). */
const ALERT_KIND_LIST = `(${ALERT_KINDS.map((k) => `'${k}'`).join(", ")})`;

/**
 * Saves a configuration (version + 1) and its alert endpoints in one transaction: each owner's Slack and Teams URLs
 * become active endpoints (re-enabled if a 410 had disabled them); endpoints of owners or URLs that left are disabled,
 * their pending deliveries closed, and their delivery logs kept. Returns the new version.
 */
export async function saveRouting(db: D1Database, site: string, config: RoutingConfig, endpoints: AlertEndpoint[], now: number): Promise<number> {
  const keep = JSON.stringify(endpoints.map((e) => e.id));
  const reason = "the owner or this alert URL is no longer in the routing";
  const [saved] = await db.batch<{ version: number }>([
    db.prepare(
      `INSERT INTO routing (site, config, version, updated_at) VALUES (?1, ?2, 1, ?3)
       ON CONFLICT (site) DO UPDATE SET config = excluded.config, version = version + 1, updated_at = excluded.updated_at RETURNING version`,
    ).bind(site, JSON.stringify(config), now),
    db.prepare(
      `UPDATE webhook_deliveries SET status = 'dead', last_error = ?3, next_attempt_at = NULL, updated_at = ?4
       WHERE status = 'pending' AND subscription_id IN (SELECT id FROM webhook_subscriptions WHERE site = ?1 AND kind IN ${ALERT_KIND_LIST}
         AND id NOT IN (SELECT value FROM json_each(?2)))`,
    ).bind(site, keep, reason, now),
    db.prepare(
      `UPDATE webhook_subscriptions SET status = 'disabled', disabled_reason = ?3, updated_at = ?4
       WHERE site = ?1 AND kind IN ${ALERT_KIND_LIST} AND status = 'active' AND id NOT IN (SELECT value FROM json_each(?2))`,
    ).bind(site, keep, reason, now),
    db.prepare(
      `INSERT INTO webhook_subscriptions (id, site, url, events, filters, secret, status, created_at, updated_at, kind, config)
       SELECT j.value->>'id', ?1, j.value->>'url', ?3, '{}', '', 'active', ?4, ?4, j.value->>'kind', json(j.value->'config') FROM json_each(?2) j WHERE true
       ON CONFLICT (id) DO UPDATE SET url = excluded.url, config = excluded.config, status = 'active', disabled_reason = NULL, updated_at = excluded.updated_at`,
    ).bind(site, JSON.stringify(endpoints), ALERT_EVENTS, now),
  ]);
  return saved!.results[0]!.version;
}

const ROTATE = `
INSERT INTO routing_rotations (site, pool, next) VALUES (?1, ?2, ?4)
ON CONFLICT (site, pool) DO UPDATE SET next = CASE WHEN next = ?3 THEN ?4 ELSE -1 END`;

const UPSERT_FOLLOW_UPS = `
INSERT INTO follow_ups (profile_id, site, owner_id, assigned_at, due_at, escalate_to, status, checked_at)
SELECT j.value->>'profile_id', j.value->>'site', j.value->>'owner_id', j.value->>'assigned_at', j.value->>'due_at', j.value->>'escalate_to', 'waiting', NULL
FROM json_each(?1) j WHERE true
ON CONFLICT (profile_id) DO UPDATE SET site = excluded.site, owner_id = excluded.owner_id, assigned_at = excluded.assigned_at,
  due_at = excluded.due_at, escalate_to = excluded.escalate_to, status = 'waiting', checked_at = NULL`;

/**
 * A plan's routing writes, for commit(): each round-robin counter moves from the value the plan read to the value it
 * planned — or, if another commit moved it first, to -1, which the table's CHECK refuses, rolling the whole transaction
 * back (isRotationConflict) — and each assignment's deadline replaces the profile's previous one.
 */
export function routingStatements(db: D1Database, plan: Pick<Plan, "rotations" | "follow_ups">): D1PreparedStatement[] {
  const out = plan.rotations.map((r) => db.prepare(ROTATE).bind(r.site, r.pool, r.from, r.to));
  for (const chunk of jsonChunks(plan.follow_ups)) out.push(db.prepare(UPSERT_FOLLOW_UPS).bind(chunk.json));
  return out;
}

/** True when a commit failed because a round-robin counter (or an account) moved after the plan read it: plan again from fresh state. */
export function isRotationConflict(err: unknown): boolean {
  const texts = [err, (err as { cause?: unknown } | null)?.cause].map((e) => (e instanceof Error ? e.message : String(e)));
  return texts.some((t) => t.includes("rotation_moved") || isAccountConflict(t));
}

/** Runs a plan-and-commit until no round-robin counter or account moved under it (at most `max` times; then the conflict is thrown). */
export async function untilRotationSettles<T>(work: () => Promise<T>, max = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (err) {
      if (!isRotationConflict(err) || attempt >= max) throw err;
    }
  }
}

export type FollowUpRow = FollowUp & { status: FollowUpStatus; checked_at: number | null };

export async function followUpOf(db: D1Database, profileId: string): Promise<FollowUpRow | null> {
  return db.prepare("SELECT * FROM follow_ups WHERE profile_id = ?1").bind(profileId).first<FollowUpRow>();
}

/** Deadlines still waiting that passed before `before` (the hourly safety net: their queue message was lost). */
export async function dueFollowUps(db: D1Database, before: number, limit: number): Promise<FollowUpRow[]> {
  const { results } = await db.prepare("SELECT * FROM follow_ups WHERE status = 'waiting' AND due_at <= ?1 ORDER BY due_at LIMIT ?2").bind(before, limit).all<FollowUpRow>();
  return results;
}

const SETTLE = "UPDATE follow_ups SET status = ?3, checked_at = ?4 WHERE profile_id = ?1 AND due_at = ?2 AND status = 'waiting'";

/** Closes a waiting deadline as met or dropped (a deadline replaced meanwhile is left alone). */
export async function settleFollowUp(db: D1Database, f: Pick<FollowUp, "profile_id" | "due_at">, status: "met" | "dropped", now: number): Promise<void> {
  await db.prepare(SETTLE).bind(f.profile_id, f.due_at, status, now).run();
}

/**
 * Marks a deadline overdue and writes its profile.follow_up_overdue to the outbox, in one transaction. The outbox row's
 * id derives from the transition, so two checks of one deadline at once still store one row, and so one alert.
 */
export async function escalate(db: D1Database, f: FollowUp, transition: Transition, record: ProfileRecord, now: number): Promise<void> {
  await db.batch([db.prepare(SETTLE).bind(f.profile_id, f.due_at, "overdue", now), ...outboxStatements(db, { transitions: [transition], profiles: [record] }, now)]);
}
