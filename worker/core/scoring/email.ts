// E-mail facts: the address a profile holds, whether it is well formed, its domain, and typos of big providers.
import type { ProfileFacts } from "./types";

/** Pragmatic, not RFC 5322: what a real person types into a lead form (quoted local parts are pseudo-leads anyway). */
const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$/;

/** Misspellings that bounce: a person meant the big provider, so the lead cannot be reached as typed. */
const TYPO_DOMAINS = new Set([
  "gmial.com", "gmal.com", "gmai.com", "gamil.com", "gnail.com", "gmaill.com", "gmail.co", "gmail.cm", "gmail.om",
  "hotmial.com", "hotmal.com", "hotmil.com", "hotmai.com", "homail.com", "yaho.com", "yahooo.com", "yhoo.com",
  "outlok.com", "outllok.com", "outlook.co", "iclod.com", "icoud.com", "icloud.co",
]);
const TYPO_TLDS = [".con", ".cmo", ".comm", ".vom", ".xom", ".ocm", ".cim"];

export function emailOf(facts: ProfileFacts): string | null {
  const raw = facts.email ?? facts.traits.email;
  return typeof raw === "string" && raw.trim() !== "" ? raw.trim().toLowerCase() : null;
}

export function isWellFormedEmail(email: string): boolean {
  const at = email.lastIndexOf("@");
  if (at < 1 || email.length > 254) return false;
  const local = email.slice(0, at);
  return local.length <= 64 && LOCAL.test(local) && DOMAIN.test(email.slice(at + 1));
}

export function emailDomain(email: string): string | null {
  return isWellFormedEmail(email) ? email.slice(email.lastIndexOf("@") + 1) : null;
}

export function isTypoDomain(domain: string): boolean {
  return TYPO_DOMAINS.has(domain) || TYPO_TLDS.some((tld) => domain.endsWith(tld));
}

/** The domain itself or any parent in the list: mail.competitor.com belongs to competitor.com. */
export function domainIn(domain: string, list: ReadonlySet<string> | readonly string[]): boolean {
  const has = (d: string) => ("has" in list ? list.has(d) : list.includes(d));
  const labels = domain.split(".");
  return labels.some((_, i) => i < labels.length - 1 && has(labels.slice(i).join(".")));
}
