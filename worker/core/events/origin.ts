// Whether a host belongs to a site's allowed domains ("example.com" covers its subdomains).
export function hostAllowed(host: string | null, domains: string[]): boolean {
  if (!host) return false;
  const h = host.toLowerCase().replace(/\.$/, "");
  return domains.some((d) => {
    const domain = d.toLowerCase().replace(/^\*\./, "");
    return h === domain || h.endsWith(`.${domain}`);
  });
}

/** The host of an Origin or URL header value; null when absent or unparsable ("null" origins included). */
export function hostOf(value: string | null | undefined): string | null {
  if (!value || value === "null") return null;
  try {
    return new URL(value).hostname;
  } catch {
    return null;
  }
}
