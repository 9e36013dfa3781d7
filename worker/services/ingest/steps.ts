// What the ingest paths share: request facts, the site's normalising context, the bot policy, enrichment, the
// cookieless id, and packing events into queue messages.
import type { CollectedEvent, EventsMessage, QueueMessage } from "../../../schema/event";
import { botReason } from "../../core/events/bot";
import { deviceOf, geoOf } from "../../core/events/device";
import type { Enrichment, SiteContext } from "../../core/events/normalize";
import { utcDay } from "../../core/time";
import { DEFAULT_EXCLUDED_REFERRERS } from "../../core/channels/source";
import type { Site } from "../../store/sites";

export interface RequestFacts {
  userAgent: string | null;
  ip: string | null;
  origin: string | null;
  referer: string | null;
  cf: IncomingRequestCfProperties | undefined;
  headers: Headers;
}

export function requestFacts(req: Request): RequestFacts {
  const h = req.headers;
  return {
    userAgent: h.get("user-agent"),
    ip: h.get("cf-connecting-ip") ?? h.get("x-real-ip"),
    origin: h.get("origin"),
    referer: h.get("referer"),
    cf: (req as Request & { cf?: IncomingRequestCfProperties }).cf,
    headers: h,
  };
}

export function siteContext(site: Site): SiteContext {
  return { id: site.id, domains: site.domains, excludedReferrers: site.settings.excluded_referrers ?? [...DEFAULT_EXCLUDED_REFERRERS] };
}

/**
 * Why ingest drops a hit as a bot, or null. Headless browsers are bots in production; in local development they are
 * how site owners test their own pages (Playwright, Puppeteer), so `npm start` and the tests keep them.
 */
export function botDrop(facts: RequestFacts, options: { development: boolean }): string | null {
  const cf = facts.cf as { botManagement?: { score?: number; verifiedBot?: boolean } } | undefined;
  const headers: Record<string, string | undefined> = {};
  facts.headers.forEach((value, key) => (headers[key] = value));
  const reason = botReason({ userAgent: facts.userAgent, cfBotScore: cf?.botManagement?.score ?? null, cfVerifiedBot: cf?.botManagement?.verifiedBot ?? null, headers });
  return reason === "headless" && options.development ? null : reason;
}

export function enrichment(facts: RequestFacts): Enrichment {
  return { device: deviceOf(facts.userAgent), geo: geoOf(facts.cf as { country?: unknown } | undefined) };
}

/** A cookieless visitor id: a keyed hash of day, site, IP and user agent. The IP is never stored, and the id changes daily. */
export async function cookielessId(input: { secret: string; site: string; ip: string | null; userAgent: string | null; now: number }): Promise<string> {
  const day = utcDay(input.now);
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", enc.encode(input.secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", key, enc.encode([day, input.site, input.ip ?? "", input.userAgent ?? ""].join("\n")));
  return "c_" + [...new Uint8Array(mac).slice(0, 12)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Queues take messages of up to 128 KB and sends of up to 256 KB and 100 messages, in bytes. */
const MESSAGE_BYTES = 96 * 1024;
const SEND_BYTES = 240 * 1024;

const encoder = new TextEncoder();

/** Events packed into messages of at most MESSAGE_BYTES each, in order. */
export function packMessages(events: CollectedEvent[]): { body: EventsMessage; bytes: number }[] {
  const messages: { body: EventsMessage; bytes: number }[] = [];
  let current: CollectedEvent[] = [];
  let size = 0;
  for (const e of events) {
    const bytes = encoder.encode(JSON.stringify(e)).byteLength + 1;
    if (current.length && size + bytes > MESSAGE_BYTES) {
      messages.push({ body: { v: 1, events: current }, bytes: size });
      (current = []), (size = 0);
    }
    current.push(e);
    size += bytes;
  }
  if (current.length) messages.push({ body: { v: 1, events: current }, bytes: size });
  return messages;
}

export async function enqueueEvents(queue: Queue<QueueMessage>, events: CollectedEvent[]): Promise<void> {
  const messages = packMessages(events);
  if (messages.length === 1) return void (await queue.send(messages[0]!.body, { contentType: "json" }));
  let send: { body: EventsMessage; contentType: "json" }[] = [];
  let size = 0;
  for (const m of messages) {
    if (send.length && (size + m.bytes > SEND_BYTES || send.length === 100)) {
      await queue.sendBatch(send);
      (send = []), (size = 0);
    }
    send.push({ body: m.body, contentType: "json" });
    size += m.bytes;
  }
  if (send.length) await queue.sendBatch(send);
}

