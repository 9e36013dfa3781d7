// One wire event for the current page: kind, random id, client time, URL and the session's campaign.
import type { WireEvent, WireKind } from "../../schema/wire";
import { campaign } from "./campaign";
import { randomId } from "./ids";

/** `url` is given when the event belongs to a page already left (an SPA's engage event). */
export const eventOf = (k: WireKind, extra?: Partial<WireEvent>, url = location.href): WireEvent => ({
  k,
  id: randomId(),
  t: Date.now(),
  u: url,
  q: campaign,
  ...extra,
});
