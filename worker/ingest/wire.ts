// Snippet wire events → the normaliser's input. The snippet leaves two namings to the collector, where they cost
// it no bytes: form fields arrive under their hints (core/field-traits.ts), link clicks as "click" (core/link-kind.ts).
import type { WireEnvelope, WireEvent } from "../../schema/wire";
import { namedTraits } from "../core/field-traits";
import { linkKind } from "../core/link-kind";
import { campaignOf, eventTime, type EventInput } from "../core/normalize";

/** The normaliser's input, or null for an event not worth keeping: a click on a link that stays within the site. */
export function wireInput(e: WireEvent, batch: WireEnvelope, ctx: { anonymousId: string; cookieless: boolean; receivedAt: number }): EventInput | null {
  const type = e.k === "click" ? linkKind(e.n, e.u) : e.k;
  if (!type) return null;
  const { user_id, ...traits } = namedTraits(e.tr ?? {});
  return {
    id: e.id,
    type,
    name: e.n || null,
    anonymousId: ctx.anonymousId,
    userId: typeof user_id === "string" || typeof user_id === "number" ? String(user_id) : null,
    previousId: null,
    at: eventTime({ clientAt: e.t, sentAt: batch.st ?? null, receivedAt: ctx.receivedAt }),
    url: e.u,
    title: e.ti ?? null,
    referrer: e.r ?? null,
    ...campaignOf(e.q),
    props: e.p ?? {},
    traits,
    cookieless: ctx.cookieless,
    origin: "snippet",
  };
}
