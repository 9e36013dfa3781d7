// The snippet's wire format: one JSON batch per POST /collect (text/plain, so no CORS preflight).
// The Worker validates with these schemas; the snippet imports only the types (zero bytes shipped).
// Keys are short on purpose: every byte of the snippet counts, and property names survive minification.
import * as v from "valibot";
import { WIRE_KINDS } from "./vocabulary";

export const LIMITS = {
  bodyBytes: 64 * 1024,
  eventsPerBatch: 50,
  idLength: 64,
  urlLength: 2048,
  textLength: 512,
  nameLength: 128,
  propsEntries: 50,
} as const;

export { WIRE_KINDS, type WireKind } from "./vocabulary";

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(LIMITS.idLength), v.regex(/^[\w.:@-]+$/, "only letters, digits and . : @ _ -"));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
/** Keeps the first `max` characters of a string of up to 16 KB rather than lose the event (the snippet spends no bytes cutting). */
const cut = (max: number) => v.pipe(v.string(), v.maxLength(16 * 1024), v.transform((s: string) => s.slice(0, max)));
/** Real URLs can be long (tracking parameters pile up): keep the first urlLength characters rather than lose the event. */
const url = cut(LIMITS.urlLength);
const scalar = v.union([cut(LIMITS.textLength), v.pipe(v.number(), v.finite()), v.boolean(), v.null()]);
const record = (keyLength: number) =>
  v.pipe(
    v.record(v.pipe(v.string(), v.minLength(1), v.maxLength(keyLength)), scalar),
    v.check((r) => Object.keys(r).length <= LIMITS.propsEntries, `at most ${LIMITS.propsEntries} entries`),
  );

/** One captured event. */
export const WireEvent = v.strictObject({
  /** kind of event */
  k: v.picklist(WIRE_KINDS),
  /** event id, unique per site: a redelivery with the same id is stored once */
  id,
  /** client clock, epoch ms (the collector corrects skew with the batch's send time) */
  t: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** page URL */
  u: url,
  /** external referrer (page loads only) */
  r: v.optional(url),
  /** page title (page views), its first textLength characters */
  ti: v.optional(cut(LIMITS.textLength)),
  /** name: custom event name, link href, or form id/name; null or absent when there is none */
  n: v.nullish(url),
  /** properties (track; engage: engaged_ms, scroll; form: form_ms, honeypot) */
  p: v.optional(record(LIMITS.nameLength)),
  /**
   * traits (identify and form submissions). A form field's value arrives under its hint, "?" + autocomplete, type
   * and name ("?email email work_email"), which the collector turns into a trait name (core/field-traits.ts).
   */
  tr: v.optional(record(LIMITS.textLength)),
  /** campaign parameters kept from the session's landing URL: utm_* and ad click ids */
  q: v.optional(v.record(v.pipe(v.string(), v.maxLength(32)), text(LIMITS.textLength))),
});
export type WireEvent = v.InferOutput<typeof WireEvent>;

const envelope = {
  /** site id */
  s: id,
  /**
   * anonymous visitor id; absent in cookieless mode (GPC, consent denied). With `c:1` (or the GPC header) it is the id
   * the device had before its visitor refused: the events stay cookieless, and the refusal is recorded on that id's
   * profile if one exists (nothing else is attached to it, and no profile is made for it).
   */
  a: v.optional(id),
  /** send time, epoch ms by the client clock */
  st: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  /** 1 when the visitor refused tracking identifiers (GPC or consent denied): no profile identity is kept */
  c: v.optional(v.picklist([0, 1])),
};
const events = <T extends v.GenericSchema>(item: T) => v.pipe(v.array(item), v.minLength(1), v.maxLength(LIMITS.eventsPerBatch));

/** One POST /collect body. */
export const WireBatch = v.strictObject({ ...envelope, e: events(WireEvent) });
export type WireBatch = v.InferOutput<typeof WireBatch>;

/** The batch with its events left unchecked: the collector validates them one by one, so one bad event loses no good one. */
export const WireEnvelope = v.strictObject({ ...envelope, e: events(v.unknown()) });
export type WireEnvelope = v.InferOutput<typeof WireEnvelope>;
