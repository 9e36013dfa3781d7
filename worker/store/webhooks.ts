// Webhook endpoints (subscriptions): create, read, change, rotate the secret, delete. The table also holds the other
// kinds of endpoint the delivery pipeline serves (an owner's Slack or Teams alerts, kept by store/routing.ts).
import type { EndpointKind } from "../../schema/vocabulary";
import type { WebhookFilters } from "../core/webhooks/match";

export interface Subscription {
  id: string;
  site: string;
  url: string;
  events: string[];
  filters: WebhookFilters;
  secret: string;
  previous_secret: string | null;
  previous_expires_at: number | null;
  status: "active" | "disabled";
  disabled_reason: string | null;
  created_at: number;
  updated_at: number;
  /** webhook, or an alert kind (slack, teams): decides how targets are chosen and requests rendered */
  kind: EndpointKind;
  /** what the kind needs beyond the URL (an alert's owner); {} for webhooks */
  config: Record<string, unknown>;
}

type SubscriptionRow = Omit<Subscription, "events" | "filters" | "config"> & { events: string; filters: string; config: string };

function subscriptionOf(row: SubscriptionRow): Subscription {
  return { ...row, events: JSON.parse(row.events) as string[], filters: JSON.parse(row.filters) as WebhookFilters, config: JSON.parse(row.config) as Record<string, unknown> };
}

export async function insertSubscription(db: D1Database, s: Subscription): Promise<void> {
  await db
    .prepare(
      `INSERT INTO webhook_subscriptions (id, site, url, events, filters, secret, status, created_at, updated_at, kind, config)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9, ?10)`,
    )
    .bind(s.id, s.site, s.url, JSON.stringify(s.events), JSON.stringify(s.filters), s.secret, s.status, s.created_at, s.kind, JSON.stringify(s.config))
    .run();
}

export async function subscriptionById(db: D1Database, id: string): Promise<Subscription | null> {
  const row = await db.prepare("SELECT * FROM webhook_subscriptions WHERE id = ?1").bind(id).first<SubscriptionRow>();
  return row ? subscriptionOf(row) : null;
}

/** A site's endpoints of one kind (webhooks unless said otherwise), oldest first. */
export async function subscriptionsOfSite(db: D1Database, site: string, kinds: readonly EndpointKind[] = ["webhook"]): Promise<Subscription[]> {
  const { results } = await db
    .prepare("SELECT * FROM webhook_subscriptions WHERE site = ?1 AND kind IN (SELECT value FROM json_each(?2)) ORDER BY created_at, id")
    .bind(site, JSON.stringify(kinds))
    .all<SubscriptionRow>();
  return results.map(subscriptionOf);
}

export async function activeSubscriptions(db: D1Database, sites: string[]): Promise<Subscription[]> {
  const { results } = await db
    .prepare("SELECT * FROM webhook_subscriptions WHERE status = 'active' AND site IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify(sites))
    .all<SubscriptionRow>();
  return results.map(subscriptionOf);
}

export interface SubscriptionChange {
  url?: string;
  events?: string[];
  filters?: WebhookFilters;
  status?: "active" | "disabled";
}

/** Applies a change; re-enabling clears the reason it was disabled. */
export async function updateSubscription(db: D1Database, id: string, change: SubscriptionChange, now: number): Promise<void> {
  await db
    .prepare(
      `UPDATE webhook_subscriptions SET url = COALESCE(?2, url), events = COALESCE(?3, events), filters = COALESCE(?4, filters),
         status = COALESCE(?5, status), disabled_reason = CASE WHEN ?5 = 'active' THEN NULL WHEN ?5 = 'disabled' THEN 'disabled through the API' ELSE disabled_reason END,
         updated_at = ?6 WHERE id = ?1`,
    )
    .bind(id, change.url ?? null, change.events ? JSON.stringify(change.events) : null, change.filters ? JSON.stringify(change.filters) : null, change.status ?? null, now)
    .run();
}

/** The new secret signs from now on; the old one keeps signing alongside it until `previousUntil`. */
export async function rotateSecret(db: D1Database, id: string, secret: string, previousUntil: number, now: number): Promise<void> {
  await db
    .prepare("UPDATE webhook_subscriptions SET previous_secret = secret, previous_expires_at = ?3, secret = ?2, updated_at = ?4 WHERE id = ?1")
    .bind(id, secret, previousUntil, now)
    .run();
}

/** The endpoint stops at once: pending deliveries die with it (messages in flight then find nothing to send). */
export async function disableSubscription(db: D1Database, id: string, reason: string, now: number): Promise<void> {
  await db.batch([
    db.prepare("UPDATE webhook_subscriptions SET status = 'disabled', disabled_reason = ?2, updated_at = ?3 WHERE id = ?1").bind(id, reason, now),
    db.prepare("UPDATE webhook_deliveries SET status = 'dead', last_error = ?2, next_attempt_at = NULL, updated_at = ?3 WHERE subscription_id = ?1 AND status = 'pending'").bind(id, reason, now),
  ]);
}

/** Deletes the endpoint and its delivery log. */
export async function deleteSubscription(db: D1Database, id: string): Promise<boolean> {
  const [, sub] = await db.batch([
    db.prepare("DELETE FROM webhook_deliveries WHERE subscription_id = ?1").bind(id),
    db.prepare("DELETE FROM webhook_subscriptions WHERE id = ?1").bind(id),
  ]);
  return sub!.meta.changes === 1;
}
