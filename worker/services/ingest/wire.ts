// Snippet wire events → the normaliser's input. An identify carrying a valid user_hash is "verified"; everything else
// the browser says is a claim ("browser"). The hash itself is never stored.
import type { WireEnvelope, WireEvent } from "../../../schema/wire";
import { campaignOf, eventTime, type EventInput } from "../../core/events/normalize";
import { verifiedUserHash } from "../../core/profiles/user-hash";

export async function wireInput(e: WireEvent, batch: WireEnvelope, ctx: { anonymousId: string; cookieless: boolean; receivedAt: number; identitySecret: string | null }): Promise<EventInput> {
  const { user_id, user_hash, ...traits } = e.tr ?? {};
  const userId = typeof user_id === "string" || typeof user_id === "number" ? String(user_id) : null;
  const verified = user_hash !== undefined && !ctx.cookieless && (await verifiedUserHash(ctx.identitySecret, { user_id: userId ?? undefined, email: traits.email }, user_hash));
  return {
    id: e.id,
    type: e.k,
    name: e.n ?? null,
    anonymousId: ctx.anonymousId,
    userId,
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
    trust: verified ? "verified" : "browser",
  };
}
