// What fit rules read: the profile's traits plus derived facts (email_domain, email_type, country, competitor).
import type { ScoringConfig } from "../../../schema/scoring";
import { isDisposableDomain } from "./disposable";
import { domainIn, emailDomain, emailOf } from "./email";
import { isFreeMailDomain } from "./free-mail";
import type { ProfileFacts } from "./types";

export type EmailType = "corporate" | "free" | "disposable";

export function emailTypeOf(domain: string, config: ScoringConfig): EmailType {
  if (isFreeMailDomain(domain, config.free_mail_domains)) return "free";
  return isDisposableDomain(domain) ? "disposable" : "corporate";
}

export function isCompetitorDomain(domain: string, config: ScoringConfig): boolean {
  return domainIn(domain, config.competitor_domains);
}

export type FactLookup = (name: string) => unknown;

/** Derived facts override traits of the same name; absent ones read as undefined, so `present: false` sees them missing.
 *  A lookup rather than a merged object: fit rules read a handful of names, copying every trait per event is waste. */
export function factLookup(facts: ProfileFacts, config: ScoringConfig): FactLookup {
  const email = emailOf(facts);
  const domain = email ? emailDomain(email) : null;
  const traitCountry = facts.traits.country;
  const derived: Record<string, unknown> = {
    email: email ?? undefined,
    phone: facts.phone ?? facts.traits.phone,
    country: typeof traitCountry === "string" && traitCountry.trim() !== "" ? traitCountry : (facts.country ?? undefined),
    email_domain: domain ?? undefined,
    email_type: domain ? emailTypeOf(domain, config) : undefined,
    competitor: domain && isCompetitorDomain(domain, config) ? true : undefined,
  };
  return (name) => (Object.hasOwn(derived, name) ? derived[name] : facts.traits[name]);
}
