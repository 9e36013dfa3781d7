// Request shapes of the webhook API (CONTRACT §5): endpoints, their filters, and the delivery log's query.
import * as v from "valibot";
import { SiteId } from "./api";
import { GRADES } from "./scoring";
import { DELIVERY_STATUSES, STAGES, SUBSCRIBABLE_EVENT_TYPES as WEBHOOK_EVENTS } from "./vocabulary";

/** A filter value may be one value or a list; it is stored as a list. */
export const oneOrMany = (item: v.GenericSchema<unknown, string>) =>
  v.pipe(
    v.union([item, v.array(item)]),
    v.transform((x): string[] => (Array.isArray(x) ? x : [x])),
    v.check((list) => list.length >= 1 && list.length <= 20, "one to 20 values"),
  );

export const WebhookFilters = v.strictObject({
  grade: v.optional(oneOrMany(v.picklist(GRADES))),
  label: v.optional(oneOrMany(v.pipe(v.string(), v.minLength(1), v.maxLength(64)))),
  stage: v.optional(oneOrMany(v.picklist(STAGES))),
  min_score: v.optional(v.pipe(v.number(), v.finite())),
});

const Events = v.pipe(
  v.array(v.picklist(WEBHOOK_EVENTS, `one of ${WEBHOOK_EVENTS.join(", ")}`)),
  v.minLength(1, "at least one event type"),
  v.check((list) => new Set(list).size === list.length, "each event type once"),
);

const Url = v.pipe(v.string(), v.minLength(1), v.maxLength(2048));

export const CreateWebhook = v.strictObject({
  site: SiteId,
  url: Url,
  events: Events,
  filters: v.optional(WebhookFilters),
});

export const PatchWebhook = v.strictObject({
  url: v.optional(Url),
  events: v.optional(Events),
  filters: v.optional(WebhookFilters),
  /** "active" re-enables an endpoint disabled by a 410 or by hand */
  status: v.optional(v.picklist(["active", "disabled"])),
});

export const WebhookListQuery = v.strictObject({ site: SiteId });

export const DeliveryQuery = v.strictObject({
  status: v.optional(v.picklist(DELIVERY_STATUSES)),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, "a whole number"), v.transform(Number), v.number(), v.minValue(1), v.maxValue(500))),
});
