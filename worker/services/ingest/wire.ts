// Snippet wire events → the normaliser's input.
import type { WireEnvelope, WireEvent } from "../../../schema/wire";
import { campaignOf, eventTime, type EventInput } from "../../core/events/normalize";

export function wireInput(e: WireEvent, batch: WireEnvelope, ctx: { anonymousId: string; cookieless: boolean; receivedAt: number }): EventInput {
  const { user_id, ...traits } = e.tr ?? {};
  return {
    id: e.id,
    type: e.k,
    name: e.n ?? null,
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
