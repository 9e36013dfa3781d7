// Segment HTTP Tracking API: a message or a batch → validated, mapped, enriched events on the EVENTS queue.
// Server-to-server: the write key is the credential (no Origin check), and the request's own User-Agent, IP and
// request.cf describe the SDK's server, not the person — only context.userAgent is read, for device and bots.
import type { CollectedEvent } from "../../../schema/event";
import { SEGMENT_LIMITS, type SegmentMessage } from "../../../schema/segment";
import { botReason } from "../../core/events/bot";
import { deviceOf } from "../../core/events/device";
import { normalizeEvent, type SiteContext } from "../../core/events/normalize";
import type { Env } from "../../env";
import { limitedText, parsedJson } from "../../validate";
import { checkRate, clientKey } from "./rate-limit";
import { countLater } from "./stats-buffer";
import { enqueueEvents, siteContext } from "./steps";
import { siteOfWriteKey, writeKeyOf } from "./segment-auth";
import { segmentMessages, type Rejected, type SegmentEndpoint } from "./segment-messages";
import { segmentInput } from "./segment-map";

export type { SegmentEndpoint } from "./segment-messages";

export interface SegmentResult {
  success: true;
  accepted?: number;
  rejected?: Rejected[];
  dropped?: { bot: number };
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

export async function segmentIngest(
  req: Request, env: Env, ctx: { waitUntil(p: Promise<unknown>): void }, options: { endpoint: SegmentEndpoint; now: number },
): Promise<SegmentResult> {
  const { endpoint, now } = options;
  const limit = endpoint === "batch" ? SEGMENT_LIMITS.requestBytes : SEGMENT_LIMITS.messageBytes;
  const body = parsedJson(await limitedText(req, limit));
  const site = await siteOfWriteKey(env, writeKeyOf(req.headers.get("authorization"), body));
  await checkRate(env, env.COLLECT_LIMITER, `v1:${site.id}:${clientKey(req)}`);
  const parsed = segmentMessages(body, endpoint);

  const kept = parsed.messages.filter((m) => botOf(m) === null);
  const bots = parsed.messages.length - kept.length;
  const siteCtx = siteContext(site);
  const events = kept.map((m) => eventOf(m, siteCtx, { now, batchSentAt: parsed.sentAt }));
  if (events.length) await enqueueEvents(env.EVENTS, events);
  countLater(ctx, env.DB, [
    { site: site.id, metric: "accepted", n: events.length },
    { site: site.id, metric: "dropped:bot", n: bots },
    { site: site.id, metric: "dropped:invalid", n: parsed.rejected.length },
  ], now);

  const dropped = bots ? { dropped: { bot: bots } } : {};
  if (endpoint !== "batch") return { success: true, ...dropped };
  return { success: true, accepted: events.length, ...(parsed.rejected.length ? { rejected: parsed.rejected } : {}), ...dropped };
}
