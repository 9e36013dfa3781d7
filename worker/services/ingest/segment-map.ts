// A validated Segment message → the normaliser's input (the same EventInput the snippet's events become).
import type { SegmentMessage } from "../../../schema/segment";
import { SEGMENT_LIMITS } from "../../../schema/segment";
import { eventTime, type EventInput } from "../../core/events/normalize";
import { segmentRefusal } from "../../core/events/refusal";
import { companyTraits, personTraits } from "./segment-traits";

export interface SegmentMapContext {
  receivedAt: number;
  /** the batch's sentAt, for messages that carry none of their own */
  batchSentAt: number | null;
  /** ids for messages without a messageId */
  newId: () => string;
}

type Dict = Record<string, unknown>;

/** A usable string: empty strings (analytics.js sends referrer "") and oversized values count as absent. */
function str(x: unknown, max: number = SEGMENT_LIMITS.urlLength): string | null {
  return typeof x === "string" && x !== "" && x.length <= max ? x : null;
}

/** The page URL: context.page.url, else properties.url (page/screen), else a path; `search` added when the URL has none. */
export function pageUrl(input: { url: string | null; path: string | null; search: string | null }): string | null {
  const search = input.search && !input.search.startsWith("?") ? `?${input.search}` : input.search;
  if (input.url) {
    if (!search) return input.url;
    try {
      const u = new URL(input.url);
      if (u.search) return input.url;
      u.search = search;
      return u.href;
    } catch {
      return input.url;
    }
  }
  return input.path?.startsWith("/") ? input.path + (search ?? "") : null;
}

function pageOf(m: SegmentMessage) {
  const page = m.context?.page;
  // properties.url and friends describe the page only on page and screen calls; on a track they are the event's own data.
  const props: Dict = (m.type === "page" || m.type === "screen") && m.properties ? m.properties : {};
  const pick = (key: "url" | "path" | "search" | "referrer" | "title", max?: number) => str(page?.[key], max) ?? str(props[key], max);
  return {
    url: pageUrl({ url: pick("url"), path: pick("path"), search: pick("search") }),
    referrer: pick("referrer"),
    title: pick("title", SEGMENT_LIMITS.textLength),
  };
}

/** Type, name, props and traits by message type (see docs/SEGMENT.md for the table). */
function shapeOf(m: SegmentMessage, contextTraits: Dict): Pick<EventInput, "type" | "name" | "props" | "traits" | "previousId"> & { title?: string } {
  const base = { props: {}, traits: contextTraits, previousId: null };
  switch (m.type) {
    case "track":
      return { ...base, type: "track", name: m.event, props: m.properties ?? {} };
    case "page":
    case "screen": {
      const props = { ...(m.category ? { category: m.category } : {}), ...(m.properties ?? {}) };
      return { ...base, type: "pageview", name: m.name ?? null, props, ...(m.type === "screen" && m.name ? { title: m.name } : {}) };
    }
    case "identify":
      return { ...base, type: "identify", name: null, traits: { ...contextTraits, ...personTraits(m.traits ?? {}) } };
    case "group":
      return { ...base, type: "track", name: "group", props: { ...(m.traits ?? {}), group_id: m.groupId }, traits: { ...contextTraits, ...companyTraits(m.groupId, m.traits ?? {}) } };
    case "alias":
      return { ...base, type: "alias", name: null, previousId: m.previousId };
  }
}

export function segmentInput(m: SegmentMessage, ctx: SegmentMapContext): EventInput {
  const page = pageOf(m);
  const { title, ...shape } = shapeOf(m, personTraits(m.context?.traits ?? {}));
  const c = m.context?.campaign;
  const campaign = c ? { source: c.source ?? undefined, medium: c.medium ?? undefined, campaign: c.name ?? undefined, term: c.term ?? undefined, content: c.content ?? undefined } : undefined;
  const clientAt = m.timestamp ?? m.originalTimestamp ?? null;
  const refused = segmentRefusal(m.context?.consent);
  return {
    id: m.messageId ?? ctx.newId(),
    ...shape,
    anonymousId: m.anonymousId || null,
    userId: m.userId || null,
    // Segment's skew correction: timestamp + (receivedAt − sentAt); no timestamp means "now".
    at: clientAt === null ? ctx.receivedAt : eventTime({ clientAt, sentAt: m.sentAt ?? ctx.batchSentAt, receivedAt: ctx.receivedAt }),
    url: page.url,
    title: page.title ?? title ?? null,
    referrer: page.referrer,
    campaign,
    props: shape.props,
    cookieless: false,
    origin: "segment",
    trust: "server",
    ...(refused ? { refused } : {}),
  };
}
