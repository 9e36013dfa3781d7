// Lead quality: pseudo-leads (typos, throwaway mailboxes, bots, scripted fills, competitors) flagged with reasons.
import type { QualityReason, ScoringConfig } from "../../../schema/scoring";
import { isDisposableDomain } from "./disposable";
import { emailOf, isTypoDomain, isWellFormedEmail } from "./email";
import { isCompetitorDomain } from "./facts";
import { phoneVerdict } from "./phone";
import type { ProfileFacts, Quality } from "./types";

function emailReasons(email: string, config: ScoringConfig): QualityReason[] {
  if (!isWellFormedEmail(email)) return ["invalid_email"];
  const domain = email.slice(email.lastIndexOf("@") + 1);
  const reasons: QualityReason[] = [];
  if (isTypoDomain(domain)) reasons.push("email_typo");
  if (isDisposableDomain(domain)) reasons.push("disposable_email");
  if (isCompetitorDomain(domain, config)) reasons.push("competitor");
  return reasons;
}

function contactReasons(facts: ProfileFacts, config: ScoringConfig): QualityReason[] {
  const email = emailOf(facts);
  const rawPhone = facts.phone ?? facts.traits.phone;
  const phone = typeof rawPhone === "string" && rawPhone.trim() !== "" ? rawPhone : null;
  // a form's "Germany" cannot place a phone number; an ISO code from the form or from geo can
  const country = [facts.traits.country, facts.country].find((c): c is string => typeof c === "string" && /^[a-z]{2}$/i.test(c.trim()));
  const fromEmail = email ? emailReasons(email, config) : [];
  const phoneOk = phone ? phoneVerdict(phone, country?.trim() ?? null) !== "impossible" : false;
  const emailOk = email !== null && !fromEmail.some((r) => r !== "competitor");
  const reasons = [...fromEmail, ...(phone && !phoneOk ? (["impossible_phone"] as const) : [])];
  // Someone who left a contact we can use is a person to call; someone whose every contact is broken is not a lead.
  if ((email || phone) && !emailOk && !phoneOk) reasons.push("no_valid_contact");
  return reasons;
}

function signalReasons(signals: ProfileFacts["signals"], config: ScoringConfig): QualityReason[] {
  const reasons: QualityReason[] = [];
  if (signals.honeypot) reasons.push("honeypot");
  const fill = signals.form_fill_ms;
  if (typeof fill === "number" && fill >= 0 && fill < config.quality.min_form_fill_ms) reasons.push("form_too_fast");
  if (signals.bot) reasons.push("bot");
  return reasons;
}

/** `junk` when any reason is in `quality.junk_reasons`, `suspect` for other reasons, `valid` with none. */
export function leadQuality(facts: ProfileFacts, config: ScoringConfig): Quality {
  const reasons = [...contactReasons(facts, config), ...signalReasons(facts.signals ?? {}, config)];
  const junk = reasons.some((r) => config.quality.junk_reasons.includes(r));
  return { status: reasons.length === 0 ? "valid" : junk ? "junk" : "suspect", reasons };
}
