// Segment's HTTP Tracking API (https://segment.com/docs/connections/sources/catalog/libraries/server/http-api/):
// one message per /v1/{type}, or a batch envelope. Lenient where Segment is (unknown keys dropped, null = absent),
// strict on types and lengths, because these values end up in profiles.
import * as v from "valibot";
import { MAX_VALUE_DEPTH, maxDepth } from "./depth";

export const SEGMENT_LIMITS = {
  /** Segment's own limits: 32 KB per message, 500 KB per request */
  messageBytes: 32 * 1024,
  requestBytes: 500 * 1024,
  idLength: 256,
  messageIdLength: 128,
  nameLength: 256,
  urlLength: 2048,
  textLength: 1024,
  userAgentLength: 2048,
  entries: 200,
} as const;

export const SEGMENT_TYPES = ["track", "identify", "page", "screen", "group", "alias"] as const;
export type SegmentType = (typeof SEGMENT_TYPES)[number];

const L = SEGMENT_LIMITS;
const text = (max: number) => v.nullish(v.pipe(v.string(), v.maxLength(max)));
/** SDKs send ids as strings; some send numbers, which Segment accepts and stringifies. */
const idValue = v.pipe(v.union([v.string(), v.pipe(v.number(), v.finite())]), v.transform(String), v.string(), v.maxLength(L.idLength));
const requiredId = v.pipe(idValue, v.minLength(1, "must not be empty"));
const ISO_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
const time = v.nullish(
  v.pipe(
    v.string(),
    v.maxLength(64),
    v.check((s) => ISO_TIME.test(s) && !Number.isNaN(Date.parse(s)), "an ISO-8601 time"),
    v.transform((s) => Date.parse(s)),
  ),
);
/** A JSON object (not an array: valibot's record would take one); values stay as sent. */
const dict = v.nullish(
  v.pipe(
    v.custom<Record<string, unknown>>((x) => typeof x === "object" && x !== null && !Array.isArray(x), "an object"),
    v.check((r) => Object.keys(r).length <= L.entries, `at most ${L.entries} entries`),
    maxDepth(MAX_VALUE_DEPTH),
  ),
);

const Page = v.object({ url: text(L.urlLength), path: text(L.urlLength), referrer: text(L.urlLength), title: text(L.textLength), search: text(L.urlLength) });
const Campaign = v.object({ source: text(L.textLength), medium: text(L.textLength), name: text(L.textLength), term: text(L.textLength), content: text(L.textLength) });

export const SegmentContext = v.object({
  page: v.nullish(Page),
  userAgent: text(L.userAgentLength),
  /** read for bot decisions only; never stored */
  ip: text(64),
  campaign: v.nullish(Campaign),
  traits: dict,
  /** Segment's consent object: `categoryPreferences` by category id; an advertising category set to false is a
   *  refusal of marketing (worker/core/events/refusal.ts) */
  consent: v.nullish(v.object({ categoryPreferences: dict })),
});

const common = {
  userId: v.nullish(idValue),
  anonymousId: v.nullish(idValue),
  messageId: v.nullish(v.pipe(v.string(), v.minLength(1), v.maxLength(L.messageIdLength))),
  timestamp: time,
  originalTimestamp: time,
  sentAt: time,
  context: v.nullish(SegmentContext),
  integrations: dict,
};
const pageLike = { name: text(L.nameLength), category: text(L.nameLength), properties: dict };

const Track = v.object({ ...common, type: v.literal("track"), event: v.pipe(v.string(), v.minLength(1), v.maxLength(L.nameLength)), properties: dict });
const Identify = v.object({ ...common, type: v.literal("identify"), traits: dict });
const PageMessage = v.object({ ...common, type: v.literal("page"), ...pageLike });
const Screen = v.object({ ...common, type: v.literal("screen"), ...pageLike });
const Group = v.object({ ...common, type: v.literal("group"), groupId: requiredId, traits: dict });
const Alias = v.object({ ...common, type: v.literal("alias"), userId: requiredId, previousId: requiredId });

const identified = (m: { type: SegmentType; userId?: string | null; anonymousId?: string | null }) => m.type === "alias" || !!m.userId || !!m.anonymousId;

/** One message; `type` picks the shape. Every message but alias names a userId or an anonymousId. */
export const SegmentMessage = v.pipe(
  v.variant("type", [Track, Identify, PageMessage, Screen, Group, Alias]),
  v.forward(v.partialCheck([["type"], ["userId"], ["anonymousId"]], identified, "userId or anonymousId is required"), ["userId"]),
);
export type SegmentMessage = v.InferOutput<typeof SegmentMessage>;

/** POST /v1/batch (and /v1/import): messages are checked one by one, so one bad message loses no good one. */
export const SegmentBatch = v.object({
  batch: v.pipe(v.array(v.unknown()), v.minLength(1, "the batch holds no message")),
  sentAt: time,
  /** merged under every message's own context, as Segment does */
  context: dict,
  integrations: dict,
  writeKey: text(L.idLength),
});
export type SegmentBatch = v.InferOutput<typeof SegmentBatch>;
