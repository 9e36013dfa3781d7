// Compiled path globs and rule regexes, cached by source: configs are re-read per batch, patterns rarely change.
const globs = new Map<string, RegExp>();
const regexes = new Map<string, RegExp | null>();
/** Bounded so a site that keeps editing its rules cannot grow the cache without limit. */
const CACHE_LIMIT = 2000;

function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  if (cache.has(key)) return cache.get(key) as T;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  const value = make();
  cache.set(key, value);
  return value;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** `*` matches within one path segment, `**` across segments; matching ignores case. */
export function globRegex(glob: string): RegExp {
  return remember(globs, glob, () => {
    const body = glob
      .toLowerCase()
      .split("**")
      .map((part) => part.split("*").map(escapeRegex).join("[^/]*"))
      .join(".*");
    return new RegExp(`^${body}$`);
  });
}

/** A rule regex, case-insensitive; null if it does not compile (the schema rejects those, stored data may predate it). */
export function ruleRegex(source: string): RegExp | null {
  return remember(regexes, source, () => {
    try {
      return new RegExp(source, "i");
    } catch {
      return null;
    }
  });
}

/** Lower-case, no query or fragment, no trailing slash: "/Pricing/" and "/pricing" are the same page to a marketer. */
export function normalizedPath(path: string): string {
  const bare = (path.split(/[?#]/)[0] ?? "").toLowerCase();
  return bare.length > 1 && bare.endsWith("/") ? bare.replace(/\/+$/, "") || "/" : bare;
}

/** A glob with a "/" is matched against the whole path; one without (like `*vs*`) against each path segment. */
export function pathMatchesGlob(path: string, glob: string): boolean {
  const p = normalizedPath(path);
  const re = globRegex(glob);
  if (glob.includes("/")) return re.test(p);
  return p.split("/").some((segment) => segment !== "" && re.test(segment));
}
