// A person's refusal of marketing, as ingest sees it: the Global Privacy Control header, a snippet batch sent after
// consent was denied (`c:1`), or a Segment consent object that withholds advertising. A refusal is recorded on the
// profile (marketing_refused), which keeps the person away from every ad platform (docs/AD-PLATFORMS.md).
import type { RefusalSignal } from "../../../schema/vocabulary";

/** GPC wins: it is a legal opt-out signal; `c:1` says the visitor refused identifiers (consent denied). */
export function batchRefusal(input: { gpc: boolean; c: 0 | 1 | undefined }): RefusalSignal | null {
  if (input.gpc) return "gpc";
  return input.c === 1 ? "consent" : null;
}

/** Consent categories that cover ads: "Advertising", "Marketing", "Targeting" in any case and spelling around them. */
const AD_CATEGORY = /advertis|marketing|targeting/i;

/**
 * Segment's consent object (`context.consent.categoryPreferences`, keys are the workspace's category ids): a refusal
 * when any advertising-like category is `false`. No object, or one without such a category, says nothing.
 */
export function segmentRefusal(consent: unknown): RefusalSignal | null {
  if (!consent || typeof consent !== "object" || !("categoryPreferences" in consent)) return null;
  const prefs = consent.categoryPreferences;
  if (!prefs || typeof prefs !== "object") return null;
  return Object.entries(prefs).some(([category, allowed]) => AD_CATEGORY.test(category) && allowed === false) ? "consent" : null;
}
