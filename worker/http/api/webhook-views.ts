// How endpoints and deliveries look in API responses: ISO times, secrets only where the contract hands them out.
import type { LoggedDelivery } from "../../store/outbox";
import type { Subscription } from "../../store/webhooks";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** An endpoint without its secrets (the secret is shown once, on creation and on rotation). */
export function subscriptionView(s: Subscription) {
  return {
    id: s.id, site: s.site, url: s.url, events: s.events, filters: s.filters, status: s.status, disabled_reason: s.disabled_reason,
    previous_secret_expires_at: iso(s.previous_expires_at), created_at: iso(s.created_at), updated_at: iso(s.updated_at),
  };
}

export function deliveryView(d: LoggedDelivery) {
  return {
    id: d.id, webhook_id: d.outbox_id, subscription_id: d.subscription_id, type: d.type, profile_id: d.profile_id,
    status: d.status, attempts: d.attempts, response_code: d.response_code, latency_ms: d.latency_ms, last_error: d.last_error,
    next_attempt_at: iso(d.next_attempt_at), created_at: iso(d.created_at), updated_at: iso(d.updated_at), delivered_at: iso(d.delivered_at),
  };
}
