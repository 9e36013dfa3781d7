// Throwaway-mailbox domains (~120k, from the disposable-email-domains package, compiled by scripts/build-data.mjs into
// one string), turned into a Set on first use only.
import { DISPOSABLE_DOMAINS } from "../../generated/disposable-domains";
import { domainIn } from "./email";

let domains: Set<string> | null = null;

/** Building the Set costs ~15 ms; doing it lazily keeps it out of Worker start-up and out of scores that never ask. */
export function isDisposableDomain(domain: string): boolean {
  domains ??= new Set(DISPOSABLE_DOMAINS.split("\n"));
  return domainIn(domain, domains);
}
