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

/** Derived facts override traits of the same name; absent facts are left out so `present: false` sees them missing. */
export function factView(facts: ProfileFacts, config: ScoringConfig): Record<string, unknown> {
  const email = emailOf(facts);
  const domain = email ? emailDomain(email) : null;
  const country = typeof facts.traits.country === "string" && facts.traits.country.trim() !== "" ? facts.traits.country : facts.country;
  return {
    ...facts.traits,
    email: email ?? undefined,
    phone: facts.phone ?? facts.traits.phone,
    country: country ?? undefined,
    email_domain: domain ?? undefined,
    email_type: domain ? emailTypeOf(domain, config) : undefined,
    competitor: domain && isCompetitorDomain(domain, config) ? true : undefined,
  };
}
