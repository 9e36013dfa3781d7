// Plain-words explanations: one line per contributing rule, and what each quality reason means.
import type { BehaviorRuleConfig, QualityReason } from "../../../schema/scoring";
import type { FitMatch } from "./fit";
import type { RuleState } from "./types";

/** Rounded for people only (whole points, one decimal under 10); the numbers themselves keep full precision. */
export function formatPoints(points: number): string {
  const rounded = Math.abs(points) >= 10 ? Math.round(points) : Math.round(points * 10) / 10;
  const clean = Object.is(rounded, -0) ? 0 : rounded;
  return clean >= 0 ? `+${clean}` : `${clean}`;
}

/** e.g. "Visited pricing (2×): +20, decayed to +14" or "Read the blog (9×, capped): +5". */
export function describeBehavior(rule: BehaviorRuleConfig, state: RuleState, decayed: number): string {
  const capped = state.hits * Math.abs(rule.points) > Math.abs(state.lifetime);
  const awarded = formatPoints(state.lifetime);
  const now = formatPoints(decayed);
  return `${rule.description} (${state.hits}×${capped ? ", capped" : ""}): ${awarded}${now === awarded ? "" : `, decayed to ${now}`}`;
}

const shorten = (s: string) => (s.length > 40 ? `${s.slice(0, 39)}…` : s);

/** e.g. "Senior decision-maker (job_title: VP Sales): +20". */
export function describeFit(match: FitMatch): string {
  const detail = match.value === null ? "" : ` (${match.trait}: ${shorten(match.value)})`;
  return `${match.rule.description}${detail}: ${formatPoints(match.rule.points)}`;
}

export const QUALITY_REASON_TEXT: Record<QualityReason, string> = {
  invalid_email: "The e-mail address is malformed",
  email_typo: "The e-mail domain looks like a typo of a big provider",
  disposable_email: "The e-mail address is at a throwaway-mailbox provider",
  competitor: "The e-mail domain belongs to a competitor",
  impossible_phone: "The phone number cannot exist",
  no_valid_contact: "No usable e-mail address or phone number",
  honeypot: "A hidden form field only bots fill was filled",
  form_too_fast: "The form was submitted faster than a person can type",
  bot: "The visitor's browser looks automated",
};

export function describeQualityReason(reason: string): string {
  return (QUALITY_REASON_TEXT as Record<string, string>)[reason] ?? reason;
}
