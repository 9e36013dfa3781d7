// The referrer of a hit as a marketing source: external (with its source/medium), suppressed, or absent.
import { domainOf, hostInDomains } from "./referrer-match";
import { bareHost, knownReferrer } from "./referrer-hosts";

export interface Referrer {
  href: string;
  host: string;
  path: string;
}

// android-app:// is what Chrome reports for links opened from Android apps (Google app, Gmail, LinkedIn...).
const SCHEMES = ["http:", "https:", "android-app:"];
const MAX_HREF = 2048;

/**
 * The external referrer; "suppressed" for a self-referral (the site's own domains or the page's host) or an
 * excluded host (payment providers); null when absent or not a web/app URL (garbage never throws).
 */
export function externalReferrer(
  raw: unknown, page: URL | null, siteDomains: unknown, excluded: unknown,
): Referrer | "suppressed" | null {
  if (typeof raw !== "string" || !raw.trim() || raw.length > 8192) return null;
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  if (!SCHEMES.includes(url.protocol) || !host) return null;
  const own = [...(Array.isArray(siteDomains) ? siteDomains : [])];
  if (page && (page.protocol === "http:" || page.protocol === "https:")) own.push(domainOf(page.hostname));
  const skip = Array.isArray(excluded) ? excluded : [];
  if (hostInDomains(host, own) || hostInDomains(host, skip)) return "suppressed";
  return { href: raw.trim().slice(0, MAX_HREF), host, path: url.pathname };
}

/** Source and medium of an external referrer: "organic" for search engines, GA4's "referral" for the rest. */
export function referrerPair(ref: Referrer): [string, string] {
  const known = knownReferrer(ref.host, ref.path);
  if (!known) return [bareHost(ref.host), "referral"];
  return [known.name, known.category === "search" ? "organic" : "referral"];
}
