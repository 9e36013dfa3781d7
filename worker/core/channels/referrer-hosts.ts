// Referrer host (and path) → known source name and category, from the generated Matomo lists.
import { REFERRER_LISTS } from "./data/referrer-lists";

export type ReferrerCategory = keyof typeof REFERRER_LISTS; // "ai" | "social" | "search"
export interface KnownReferrer {
  name: string;
  category: ReferrerCategory;
}

interface Pattern {
  re: RegExp;
  known: KnownReferrer;
}

const exact = new Map<string, KnownReferrer>();
const hostPatterns: Pattern[] = [];
const pathPatterns: Pattern[] = [];
const nameCategory = new Map<string, ReferrerCategory>();
// Where a name or host appears in several lists, the earlier list wins (chatgpt.com is also a Matomo "search engine").
const ORDER: ReferrerCategory[] = ["ai", "social", "search"];

// `{}` as the last label stands for a public suffix ("google.{}" → google.de, google.co.uk); a short first label
// keeps "google.example.com" from matching. Elsewhere it stands for one or more labels ("{}.bing.com").
const TLD = "(?:[a-z]{2,3}\\.)?[a-z]{2,}";
const LABELS = "[a-z0-9-]+(?:\\.[a-z0-9-]+)*";

function patternOf(entry: string): RegExp {
  const slash = entry.indexOf("/");
  const host = slash < 0 ? entry : entry.slice(0, slash);
  const rest = slash < 0 ? "" : entry.slice(slash);
  const esc = (s: string) => s.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
  const hostRe = esc(host).replace(/\{\}$/, TLD).replace(/\{\}/g, LABELS);
  // A path entry matches as a prefix on a path-segment boundary; a host entry matches the whole host.
  return new RegExp(`^${hostRe}${rest ? `${esc(rest)}(?:[/?#]|$)` : "$"}`);
}

for (const category of ORDER) {
  for (const group of REFERRER_LISTS[category].split(";")) {
    const [name = "", hosts = ""] = group.split(":");
    if (!nameCategory.has(name)) nameCategory.set(name, category);
    const known = { name, category };
    for (const host of hosts.split(",")) {
      if (host.includes("/")) pathPatterns.push({ re: patternOf(host), known });
      else if (host.includes("{}")) hostPatterns.push({ re: patternOf(host), known });
      else if (!exact.has(host)) exact.set(host, known);
    }
  }
}

/** "WWW.Example.com." → "example.com": the form the lists are keyed by. */
export function bareHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, "").replace(/^www\./, "");
}

/** The known source behind a referrer host (path optional, e.g. "/i/grok"), or null for an unlisted host. */
export function knownReferrer(host: string, path = ""): KnownReferrer | null {
  const h = bareHost(host);
  if (!h) return null;
  for (const p of pathPatterns) if (p.re.test(h + path)) return p.known;
  const hit = exact.get(h);
  if (hit) return hit;
  for (const p of hostPatterns) if (p.re.test(h)) return p.known;
  // Socials and assistants serve links from many subdomains (l.facebook.com, lm.facebook.com, out.reddit.com);
  // search engines do not get this: mail.google.com is not a search.
  for (let i = h.indexOf("."); i >= 0; i = h.indexOf(".", i + 1)) {
    const parent = exact.get(h.slice(i + 1));
    if (parent && parent.category !== "search") return parent;
  }
  return null;
}

/** The list category of a source *name* ("facebook" → "social"), or null when no list names it. */
export function referrerCategoryOfName(name: string): ReferrerCategory | null {
  return nameCategory.get(name.trim().toLowerCase()) ?? null;
}
