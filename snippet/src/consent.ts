// Who may be identified and when sending may start: GPC, data-cookieless, data-consent="required" and pista('consent').
import { scriptTag } from "./script-tag";

let decision: unknown;
let required: boolean;
let refused: unknown;
/** Global Privacy Control, read at start-up (index.ts then sends the refusal of a device tracked before). */
export let gpc: unknown;

export const initConsent = (): void => {
  required = scriptTag.dataset.consent == "required";
  // GPC is a legal opt-out signal (CCPA, CPA): it wins over any later grant.
  refused = (gpc = (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl) || scriptTag.dataset.cookieless != null;
};

export const setConsent = (value: unknown): unknown => (decision = value);

/** No persistent identifier, no traits: batches go out without `a` (the collector reads that as cookieless). */
export const cookieless = (): unknown => refused || decision == "denied";

/** data-consent="required" and no grant: events wait in memory (and die with the page after a refusal). */
export const held = (): boolean => required && decision != "granted";

/** Storage and the anonymous id are allowed. */
export const identified = (): boolean => !cookieless() && !held();
