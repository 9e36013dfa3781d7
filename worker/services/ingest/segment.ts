// Segment HTTP Tracking API: a message or a batch → validated, mapped, enriched events on the EVENTS queue, as
// named steps. Server-to-server: the write key is the credential (no Origin check), the limit is per site at server
// rates, and the request's own User-Agent, IP and request.cf describe the SDK's server, not the person — only
// context.userAgent is read, for device and bots.
import { envOfSite } from "../../shards";
import type { CollectedEvent } from "../../../schema/event";
import { SEGMENT_LIMITS, type SegmentMessage } from "../../../schema/segment";
import { botReason } from "../../core/events/bot";
import { deviceOf } from "../../core/events/device";
import { normalizeEvent, type SiteContext } from "../../core/events/normalize";
import type { Env } from "../../env";
import { ApiError } from "../../errors";
import type { Site } from "../../store/sites";
import { limitedText, parsedJson } from "../../validate";
import { isDrop, parsing, refuse, runSteps, type Counting, type Step } from "./pipeline";
import { clientKey, rateLimited, withinRate } from "./rate-limit";
import { writeKeyOf } from "./segment-auth";
import { segmentInput } from "./segment-map";
import { segmentMessages, type ParsedMessages, type Rejected, type SegmentEndpoint } from "./segment-messages";
import { findSite } from "./site-lookup";
import { countLater } from "./stats-buffer";
import { enqueueEvents, siteContext } from "./steps";

export type { SegmentEndpoint } from "./segment-messages";

export interface SegmentResult {
  success: true;
  accepted?: number;
  rejected?: Rejected[];
  dropped?: { bot: number };
}

interface State extends Counting {
  req: Request;
  env: Env;
  now: number;
  endpoint: SegmentEndpoint;
  body?: unknown;
  site?: Site;
  parsed?: ParsedMessages;
  bots: number;
  events: CollectedEvent[];
}

/** A person's user agent as the SDK reports it; server events without one are not bots by default. */
function botOf(m: SegmentMessage): string | null {
  const ua = m.context?.userAgent;
  return ua ? botReason({ userAgent: ua }) : null;
}

function eventOf(m: SegmentMessage, site: SiteContext, ctx: { now: number; batchSentAt: number | null }): CollectedEvent {
  const input = segmentInput(m, { receivedAt: ctx.now, batchSentAt: ctx.batchSentAt, newId: () => `seg-${crypto.randomUUID()}` });
  // context.ip is deliberately unused: Pista keeps no IP and has no IP geo database, and request.cf is the SDK's server.
  return normalizeEvent(input, { site, enrichment: { device: deviceOf(m.context?.userAgent), geo: null }, receivedAt: ctx.now });
}

const CHALLENGE = { headers: { "WWW-Authenticate": 'Basic realm="pista"' } };
const messageCount = (body: unknown) => (Array.isArray((body as { batch?: unknown })?.batch) ? (body as { batch: unknown[] }).batch.length : 1);

const STEPS: Step<State>[] = [
  {
    name: "read the body",
    run: async (s) => {
      const limit = s.endpoint === "batch" ? SEGMENT_LIMITS.requestBytes : SEGMENT_LIMITS.messageBytes;
      const text = await limitedText(s.req, limit).catch((err: unknown) => err);
      if (text instanceof ApiError) return refuse("invalid", null, 1, text);
      if (typeof text !== "string") throw text;
      const body = parsing(null, 1, () => parsedJson(text));
      return isDrop(body) ? body : { ...s, body };
    },
  },
  {
    name: "find the site by write key",
    run: async (s) => {
      const key = writeKeyOf(s.req.headers.get("authorization"), s.body);
      const n = messageCount(s.body);
      if (!key) return refuse("unknown_site", null, n, new ApiError(401, "Send the write key as the HTTP Basic user name, or as writeKey in the body.", CHALLENGE));
      const found = await findSite(s.env, { writeKey: key }, clientKey(s.req), s.now);
      if (found === "blocked") return refuse("rate_limited", null, n, rateLimited());
      if (!found) return refuse("unknown_site", null, n, new ApiError(401, "The write key is not valid.", CHALLENGE));
      return { ...s, site: found };
    },
  },
  {
    name: "limit the site",
    run: async (s) => (await withinRate(s.env, s.env.SERVER_LIMITER, `v1:${s.site!.id}`))
      ? s
      : refuse("rate_limited", s.site!.id, messageCount(s.body), rateLimited()),
  },
  {
    name: "validate the messages",
    run: (s) => {
      const parsed = parsing(s.site!.id, messageCount(s.body), () => segmentMessages(s.body, s.endpoint));
      if (isDrop(parsed)) return parsed;
      return { ...s, parsed, counts: [...s.counts, { site: s.site!.id, metric: "dropped:invalid", n: parsed.rejected.length }] };
    },
  },
  {
    name: "drop bots, normalise",
    run: (s) => {
      const kept = s.parsed!.messages.filter((m) => botOf(m) === null);
      const bots = s.parsed!.messages.length - kept.length;
      const context = siteContext(s.site!);
      const events = kept.map((m) => eventOf(m, context, { now: s.now, batchSentAt: s.parsed!.sentAt }));
      return { ...s, bots, events, counts: [...s.counts, { site: s.site!.id, metric: "dropped:bot", n: bots }] };
    },
  },
  {
    name: "enqueue",
    run: async (s) => {
      if (s.events.length) await enqueueEvents(envOfSite(s.env, s.site!).EVENTS, s.events);
      return { ...s, counts: [...s.counts, { site: s.site!.id, metric: "accepted", n: s.events.length }] };
    },
  },
];

export async function segmentIngest(
  req: Request, env: Env, ctx: { waitUntil(p: Promise<unknown>): void }, options: { endpoint: SegmentEndpoint; now: number },
): Promise<SegmentResult> {
  const { endpoint, now } = options;
  const initial: State = { req, env, now, endpoint, bots: 0, events: [], counts: [] };
  const done = await runSteps(initial, STEPS, (deltas) => countLater(ctx, env.DB, deltas, now));
  if (isDrop(done)) throw done.error ?? new ApiError(400, "Nothing was accepted.");
  const dropped = done.bots ? { dropped: { bot: done.bots } } : {};
  if (endpoint !== "batch") return { success: true, ...dropped };
  const rejected = done.parsed!.rejected;
  return { success: true, accepted: done.events.length, ...(rejected.length ? { rejected } : {}), ...dropped };
}
