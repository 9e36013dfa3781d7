// Host ↔ domain matching for self-referrals and excluded referrers ("example.com" covers every subdomain).

/** "https://WWW.Example.com:8080/x" or "*.example.com" → "example.com"; "" when nothing usable is left. */
export function domainOf(entry: unknown): string {
  if (typeof entry !== "string") return "";
  return entry
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, "")
    .replace(/[/?#].*$/, "")
    .replace(/:\d*$/, "")
    .replace(/^\*\./, "")
    .replace(/^www\./, "")
    .replace(/\.$/, "");
}

/** True when the host is one of the domains or a subdomain of one (a suffix match on label boundaries). */
export function hostInDomains(host: string, domains: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  return domains.some((entry) => {
    const d = domainOf(entry);
    return d !== "" && (h === d || h.endsWith(`.${d}`));
  });
}
