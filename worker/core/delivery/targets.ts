// Fan-out by kind: which endpoints an outbox row goes to. Webhooks choose by event type and filters; an owner's alert
// endpoints (Slack, Teams) take the alerts addressed to that owner. Another kind of destination plugs in here with a
// chooser of its own, and in render.ts with a renderer.
import { ALERT_TEST, type EndpointKind } from "../../../schema/vocabulary";
import { matchingSubscribers, type FilterFacts, type Subscriber } from "../webhooks/match";

export interface Endpoint extends Subscriber {
  kind: EndpointKind;
  config: Record<string, unknown>;
}

/** An outbox row as fan-out reads it: its type, its own fields, and the profile's facts (null once erased). */
export interface OutboxFacts {
  type: string;
  data: Record<string, unknown>;
  facts: FilterFacts | null;
}

const idOf = (o: unknown) => (o && typeof o === "object" && "id" in o && typeof o.id === "string" ? o.id : null);

/**
 * The owner an alert goes to: an assignment's new owner; for an overdue follow-up the escalation owner, else the owner
 * themself; the owner a test names; a qualified account's owner. Null for transitions that alert nobody.
 */
export function alertRecipient(type: string, data: Record<string, unknown>): string | null {
  if (type === "profile.assigned") return idOf(data.owner);
  if (type === "profile.follow_up_overdue") return typeof data.escalate_to === "string" ? data.escalate_to : idOf(data.owner);
  if (type === ALERT_TEST) return typeof data.owner_id === "string" ? data.owner_id : null;
  if (type === "account.qualified") return idOf(data.owner);
  return null;
}

/** Alerts are about people who still exist: an erased person's assignment alerts nobody. */
function wantsAlert(row: OutboxFacts, e: Endpoint): boolean {
  if (row.facts === null && row.type !== ALERT_TEST) return false;
  const recipient = alertRecipient(row.type, row.data);
  return recipient !== null && recipient === e.config.owner_id;
}

const CHOOSERS: Record<EndpointKind, (row: OutboxFacts, e: Endpoint) => boolean> = {
  webhook: (row, e) => matchingSubscribers(row.type, row.facts, [e]).length === 1,
  slack: wantsAlert,
  teams: wantsAlert,
};

/** The ids of the endpoints that receive a row, each chosen by the rule of its kind. */
export function targetsOf(row: OutboxFacts, endpoints: Endpoint[]): string[] {
  return endpoints.filter((e) => CHOOSERS[e.kind]?.(row, e) ?? false).map((e) => e.id);
}
