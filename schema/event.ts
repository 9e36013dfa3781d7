// The normalised event: what ingest puts on the EVENTS queue, whatever the source (snippet or Segment API).
// It is produced by our own code, but the consumer still validates it: a message can outlive a deploy.
import * as v from "valibot";
import { MAX_VALUE_DEPTH, maxDepth } from "./depth";
import { EVENT_ORIGINS, EVENT_TRUST, EVENT_TYPES, REFUSAL_SIGNALS } from "./vocabulary";

export { EVENT_TYPES, type EventType } from "./vocabulary";

const str = v.nullable(v.string());
const json = v.pipe(v.record(v.string(), v.unknown()), maxDepth(MAX_VALUE_DEPTH));

export const Touch = v.object({
  channel: v.string(),
  source: str,
  medium: str,
  campaign: str,
  term: str,
  content: str,
  referrer: str,
  landing_page: str,
  click_id: str,
  /** the click id's value (the gclid itself), kept so the conversion can be sent back to the ad platform; absent in
   *  messages queued before it was carried */
  click_id_value: v.optional(str),
});
export type TouchSource = v.InferOutput<typeof Touch>;

export const CollectedEvent = v.object({
  id: v.string(),
  site: v.string(),
  type: v.picklist(EVENT_TYPES),
  name: str,
  anonymous_id: str,
  user_id: str,
  /** alias: the id being linked to user_id */
  previous_id: str,
  at: v.number(),
  received_at: v.number(),
  url: str,
  path: str,
  title: str,
  /** the marketing source of this hit; null when it must not start a touch (self-referral, excluded referrer) */
  touch: v.nullable(Touch),
  props: json,
  traits: json,
  device: v.nullable(v.object({ browser: str, os: str, type: str })),
  geo: v.nullable(v.object({ country: str, region: str, city: str })),
  /** the visitor refused identifiers: never identified, never merged */
  cookieless: v.boolean(),
  origin: v.picklist(EVENT_ORIGINS),
  /** how far the event's identity and traits can be trusted (absent in messages queued before it existed: by origin) */
  trust: v.optional(v.picklist(EVENT_TRUST)),
  /** the person refused marketing with this event (GPC, consent denied): the profile is never sent to an ad platform */
  refused: v.optional(v.picklist(REFUSAL_SIGNALS)),
  /** with `refused`: the anonymous id the device had before its visitor refused. The refusal is recorded on that
   *  id's profile too (if there is one); nothing else is attached to it. Never stored. */
  refused_id: v.optional(v.pipe(v.string(), v.maxLength(128))),
});
export type CollectedEvent = v.InferOutput<typeof CollectedEvent>;

/** One line of the R2 archive: a stored event with the profile and session the consumer gave it (docs/SCALING.md). */
export const ArchivedEvent = v.object({ ...CollectedEvent.entries, profile_id: v.string(), session_id: str });
export type ArchivedEvent = v.InferOutput<typeof ArchivedEvent>;

/** One EVENTS queue message: the accepted events of one request. */
export const EventsMessage = v.object({ v: v.literal(1), events: v.array(CollectedEvent) });
export type EventsMessage = v.InferOutput<typeof EventsMessage>;

/** A changed scoring configuration: rescore the site's profiles a page at a time, after `after` (a profile id). */
export const RescoreMessage = v.object({ v: v.literal(1), rescore: v.object({ site: v.string(), version: v.number(), after: v.nullable(v.string()) }) });
export type RescoreMessage = v.InferOutput<typeof RescoreMessage>;

/** A follow-up deadline to check when it is due (sent with a delay, in hops of at most 12 hours): docs/ROUTING.md. */
export const FollowUpMessage = v.object({
  v: v.literal(1),
  follow_up: v.object({ site: v.string(), profile_id: v.pipe(v.string(), v.maxLength(128)), due_at: v.number() }),
});
export type FollowUpMessage = v.InferOutput<typeof FollowUpMessage>;

export const QueueMessage = v.union([EventsMessage, RescoreMessage, FollowUpMessage]);
export type QueueMessage = v.InferOutput<typeof QueueMessage>;
