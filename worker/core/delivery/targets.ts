// Fan-out by kind: which endpoints an outbox row goes to. Webhooks choose by event type and filters; an owner's alert
// endpoints (Slack, Teams) take the alerts addressed to that owner; a Meta destination takes the stages it names, of
// people who consent. Another kind of destination plugs in here with a chooser of its own (and a dedupe key when it
// must receive one thing once), and in render.ts with a renderer.
import type { EndpointKind } from "../../../schema/vocabulary";
import { metaConfigOf, metaTarget } from "../ads/meta";
import type { Snapshot } from "../webhooks/payload";
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
  /** the row's profile and its snapshot, for kinds that read the person (Meta) */
  profile_id?: string;
  snapshot?: Snapshot;
}

const idOf = (o: unknown) => (o && typeof o === "object" && "id" in o && typeof o.id === "string" ? o.id : null);

/**
 * The owner an alert goes to: an assignment's new owner; for an overdue follow-up the escalation owner, else the owner
 * themself; a qualified account's owner. Null for transitions that alert nobody (a test event never fans out: it is
 * written for one endpoint).
 */
export function alertRecipient(type: string, data: Record<string, unknown>): string | null {
  if (type === "profile.assigned") return idOf(data.owner);
  if (type === "profile.follow_up_overdue") return typeof data.escalate_to === "string" ? data.escalate_to : idOf(data.owner);
  if (type === "account.qualified") return idOf(data.owner);
  return null;
}

/** Alerts are about people who still exist: an erased person's assignment alerts nobody. */
function wantsAlert(row: OutboxFacts, e: Endpoint): boolean {
  if (row.facts === null) return false;
  const recipient = alertRecipient(row.type, row.data);
  return recipient !== null && recipient === e.config.owner_id;
}

const CHOOSERS: Record<EndpointKind, (row: OutboxFacts, e: Endpoint) => boolean> = {
  webhook: (row, e) => matchingSubscribers(row.type, row.facts, [e]).length === 1,
  slack: wantsAlert,
  teams: wantsAlert,
  meta: (row, e) => metaTarget(row, metaConfigOf(e.config)) !== null,
};

/** The ids of the endpoints that receive a row, each chosen by the rule of its kind. */
export function targetsOf(row: OutboxFacts, endpoints: Endpoint[]): string[] {
  return endpoints.filter((e) => CHOOSERS[e.kind]?.(row, e) ?? false).map((e) => e.id);
}

/** Kinds that take one delivery per key and endpoint: Meta hears of a person's stage once, however often it is reached. */
const DEDUPE_KEYS: Partial<Record<EndpointKind, (row: OutboxFacts, e: Endpoint) => string | null>> = {
  meta: (row, e) => {
    const stage = metaTarget(row, metaConfigOf(e.config));
    return stage && row.profile_id ? `${stage}:${row.profile_id}` : null;
  },
};

/** The delivery's dedupe key (a second delivery with the same key to the same endpoint is not created), or null. */
export function dedupeKeyOf(row: OutboxFacts, e: Endpoint): string | null {
  return DEDUPE_KEYS[e.kind]?.(row, e) ?? null;
}
