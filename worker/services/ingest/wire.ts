// Snippet wire events → the normaliser's input. The snippet leaves two namings to the collector, where they cost it no
// bytes: form fields arrive under their hints (core/events/field-traits.ts), link clicks as "click"
// (core/events/link-kind.ts). An identify carrying a valid user_hash is "verified"; everything else the browser says
// is a claim ("browser"). The hash itself is never stored.
import type { WireEnvelope, WireEvent } from "../../../schema/wire";
import type { RefusalSignal } from "../../../schema/vocabulary";
import { campaignOf, eventTime, type EventInput } from "../../core/events/normalize";
import { namedTraits } from "../../core/events/field-traits";
import { linkKind } from "../../core/events/link-kind";
import { verifiedUserHash } from "../../core/profiles/user-hash";

/** The normaliser's input, or null for an event not worth keeping: a click on a link that stays within the site. */
export async function wireInput(e: WireEvent, batch: WireEnvelope, ctx: { anonymousId: string; cookieless: boolean; receivedAt: number; identitySecret: string | null; refusal?: { refused?: RefusalSignal; refusedId?: string } }): Promise<EventInput | null> {
  const type = e.k === "click" ? linkKind(e.n, e.u) : e.k;
  if (!type) return null;
  const { user_id, user_hash, ...traits } = namedTraits(e.tr ?? {});
  const userId = typeof user_id === "string" || typeof user_id === "number" ? String(user_id) : null;
  const verified = user_hash !== undefined && !ctx.cookieless && (await verifiedUserHash(ctx.identitySecret, { user_id: userId ?? undefined, email: traits.email }, user_hash));
  return {
    id: e.id,
    type,
    name: e.n || null,
    anonymousId: ctx.anonymousId,
    userId,
    previousId: null,
    at: eventTime({ clientAt: e.t, sentAt: batch.st ?? null, receivedAt: ctx.receivedAt }),
    url: e.u,
    title: e.ti ?? null,
    referrer: e.r ?? null,
    ...campaignOf(e.q),
    props: propsOf(e),
    traits,
    cookieless: ctx.cookieless,
    origin: "snippet",
    trust: verified ? "verified" : "browser",
    ...ctx.refusal,
  };
}

/** A form's submit button arrives as `fb` (short on the wire); it is kept as `form_button`, whitespace folded. */
function propsOf(e: WireEvent): Record<string, unknown> {
  const { fb, ...props } = e.p ?? {};
  const button = typeof fb === "string" ? fb.replace(/\s+/g, " ").trim().slice(0, 128) : "";
  return e.k === "form" && button ? { ...props, form_button: button } : props;
}
