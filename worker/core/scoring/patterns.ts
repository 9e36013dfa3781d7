// Compiled path globs and rule regexes, cached by source: configs are re-read per batch, patterns rarely change.
import { boundedMemo } from "./memo";

/** Bounded so a site that keeps editing its rules cannot grow the cache without limit. */
const CACHE_LIMIT = 2000;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** `*` matches within one path segment, `**` across segments; matching ignores case. */
export const globRegex = boundedMemo(CACHE_LIMIT, (glob): RegExp => {
  const body = glob
    .toLowerCase()
    .split("**")
    .map((part) => part.split("*").map(escapeRegex).join("[^/]*"))
    .join(".*");
  return new RegExp(`^${body}$`);
});

/** A rule regex, case-insensitive; null if it does not compile (the schema rejects those, stored data may predate it). */
export const ruleRegex = boundedMemo(CACHE_LIMIT, (source): RegExp | null => {
  try {
    return new RegExp(source, "i");
  } catch {
    return null;
  }
});

/** Lower-case, no query or fragment, no trailing slash: "/Pricing/" and "/pricing" are the same page to a marketer. */
export const normalizedPath = boundedMemo(CACHE_LIMIT, (path): string => {
  const bare = (path.split(/[?#]/)[0] ?? "").toLowerCase();
  return bare.length > 1 && bare.endsWith("/") ? bare.replace(/\/+$/, "") || "/" : bare;
});

const segmentsOf = boundedMemo(CACHE_LIMIT, (path) => normalizedPath(path).split("/").filter((s) => s !== ""));

/** A glob with a "/" is matched against the whole path; one without (like `*vs*`) against each path segment. */
export function pathMatchesGlob(path: string, glob: string): boolean {
  const re = globRegex(glob);
  if (glob.includes("/")) return re.test(normalizedPath(path));
  return segmentsOf(path).some((segment) => re.test(segment));
}
