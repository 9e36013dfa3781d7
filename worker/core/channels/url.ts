// Safe URL reading for touches: parse without throwing, read query params, strip click-id values from a landing URL.
const MAX_URL = 8192; // longer "URLs" are junk or attacks; a real landing URL with tags is far shorter
const RELATIVE_BASE = "http://relative.invalid";

/** The parsed URL, or null for anything unparseable, oversized or non-string. Paths ("/a?b") are accepted. */
export function parsedUrl(raw: unknown): URL | null {
  if (typeof raw !== "string") return null;
  const s = raw.trim();
  if (!s || s.length > MAX_URL) return null;
  try {
    return s.startsWith("/") && !s.startsWith("//") ? new URL(s, RELATIVE_BASE) : new URL(s);
  } catch {
    return null;
  }
}

/** Query parameters with lower-cased names (GA4 tags arrive as UTM_SOURCE too); the first non-empty value wins. */
export function queryParams(url: URL | null): Map<string, string> {
  const out = new Map<string, string>();
  if (!url) return out;
  for (const [k, v] of url.searchParams) {
    const name = k.trim().toLowerCase();
    if (!out.has(name) && v.trim()) out.set(name, v);
  }
  return out;
}

function paramName(piece: string): string {
  const raw = (piece.split("=")[0] ?? "").replace(/\+/g, " ");
  try {
    return decodeURIComponent(raw).trim().toLowerCase();
  } catch {
    return raw.trim().toLowerCase();
  }
}

/**
 * The URL without the given parameters, other parameters kept byte for byte (utm_* included). Click-id values
 * are per-click identifiers: storing them in every landing page would make the page column unique per visit.
 */
export function urlWithout(url: URL, names: ReadonlySet<string>): string {
  const copy = new URL(url.href);
  const kept = copy.search.slice(1).split("&").filter((p) => p && !names.has(paramName(p)));
  copy.search = kept.length ? `?${kept.join("&")}` : "";
  return copy.origin === RELATIVE_BASE ? copy.pathname + copy.search + copy.hash : copy.href;
}
