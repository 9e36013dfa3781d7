// The company behind an e-mail address: the registrable domain of a corporate address (mail.acme.com and eu.acme.com
// are acme.com; eu.acme.co.uk is acme.co.uk), or the reason there is none (free-mail, disposable, a typo, malformed).
import { createHash } from "node:crypto";
import { isDisposableDomain } from "../scoring/disposable";
import { emailDomain, isTypoDomain } from "../scoring/email";
import { isFreeMailDomain } from "../scoring/free-mail";

/**
 * Second-level labels under which country registries sell names: acme.co.uk, acme.com.au, acme.ac.jp, acme.gov.br.
 * Under a two-letter country code, a domain whose second label is one of these has a two-part public suffix.
 */
const GENERIC_SECOND_LEVELS = new Set(["co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go", "mil"]);

/** Other two-part public suffixes seen in business e-mail (the rule above misses them). */
const OTHER_TWO_PART_SUFFIXES = new Set([
  "ltd.uk", "plc.uk", "me.uk", "nhs.uk", "police.uk", "sch.uk",
  "asn.au", "id.au", "govt.nz", "school.nz", "gob.mx", "gob.ar", "gob.es", "nom.es", "gouv.fr",
  "firm.in", "gen.in", "ind.in", "web.id", "in.th", "gen.tr", "biz.tr", "info.tr",
]);

/** The domain an organisation registered: the public suffix and one label more. */
export function registrableDomain(domain: string): string {
  const labels = domain.toLowerCase().replace(/\.$/, "").split(".");
  if (labels.length <= 2) return labels.join(".");
  const [second, top] = labels.slice(-2) as [string, string];
  const twoPart = (top.length === 2 && GENERIC_SECOND_LEVELS.has(second)) || OTHER_TWO_PART_SUFFIXES.has(`${second}.${top}`);
  return labels.slice(twoPart ? -3 : -2).join(".");
}

/** Why an address forms no account. */
export type NoAccountReason = "no_email" | "malformed" | "free_mail" | "disposable" | "typo";

export type AccountDomain = { domain: string } | { none: NoAccountReason };

/**
 * The account an e-mail address belongs to. `freeMail` adds a site's own free-mail providers (scoring's
 * free_mail_domains) to the built-in list; a subdomain of a free-mail or disposable provider is one too.
 */
export function accountDomainOf(email: string | null, freeMail: readonly string[] = []): AccountDomain {
  if (email === null) return { none: "no_email" };
  const domain = emailDomain(email.trim().toLowerCase());
  if (domain === null) return { none: "malformed" };
  const registrable = registrableDomain(domain);
  if (isFreeMailDomain(domain, freeMail) || isFreeMailDomain(registrable, freeMail)) return { none: "free_mail" };
  if (isDisposableDomain(domain)) return { none: "disposable" };
  if (isTypoDomain(domain)) return { none: "typo" };
  return { domain: registrable };
}

/** An account's id: the same for a site and domain whoever computes it, so concurrent plans name one account alike. */
export function accountIdOf(site: string, domain: string): string {
  return `ac_${createHash("sha256").update(`${site}\u0000${domain}`).digest("hex").slice(0, 24)}`;
}
