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

export type OriginVerdict = { ok: true } | { ok: false; origin: string };

/**
 * Whether a beacon may be counted for a site. Browsers name the page's origin in the Origin header; it must be one of
 * the site's domains (or, in local development, localhost / 127.0.0.1 on any port). `Origin: null` (sandboxed
 * iframes, Referrer-Policy no-referrer) and a missing Origin are refused like a foreign origin unless the site opts
 * in, because the page URLs in the body are written by the sender; with the opt-in, those URLs are checked instead.
 */
export function originVerdict(input: { origin: string | null; pageUrls: string[]; domains: string[]; allowOpaque: boolean; development: boolean }): OriginVerdict {
  const allowed = (host: string | null) => hostAllowed(host, input.domains) || (input.development && isLocalHost(host));
  const host = hostOf(input.origin);
  if (host !== null) return allowed(host) ? { ok: true } : { ok: false, origin: originOf(input.origin!) };
  const opaque = input.origin ?? "(none)";
  if (!input.allowOpaque) return { ok: false, origin: opaque };
  const hosts = input.pageUrls.map(hostOf);
  return hosts.length > 0 && hosts.every(allowed) ? { ok: true } : { ok: false, origin: opaque };
}

export function isLocalHost(host: string | null): boolean {
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]" || (host?.endsWith(".localhost") ?? false);
}

/** scheme://host[:port] of an Origin header, cut to a sane length for the stats that name refused origins. */
function originOf(value: string): string {
  try {
    return new URL(value).origin.slice(0, 200);
  } catch {
    return value.slice(0, 200);
  }
}
