// The public `pista(command, …)` function: track, identify, page and consent.
import type { WireEvent } from "../../schema/wire";
import { cookieless, setConsent } from "./consent";
import { pageview } from "./pageviews";
import { flush, record, refuse } from "./queue";

type Props = NonNullable<WireEvent["p"]>;

export const command = (name: "track" | "identify" | "page" | "consent", a?: unknown, b?: unknown): void => {
  if (name == "track") record(name, { n: "" + a, p: b as Props });
  // identify(traits) or identify(userId, traits?); ignored when identifiers are refused.
  if (name == "identify" && !cookieless()) record(name, { tr: typeof a == "object" ? (a as Props) : { ...(b as Props), user_id: a as string } });
  if (name == "page") pageview(1);
  if (name == "consent") {
    // A refusal erases what is stored, and tells the collector about a former anonymous id (queue.ts `refuse`).
    if (setConsent(a) == "denied") refuse();
    // A grant releases what waited; a refusal sends it without identifiers (or keeps holding it when consent is required).
    flush();
  }
};
