// First-party serving (CONTRACT §14): under a Workers route such as example.com/_p/*, the Worker answers /_p/p.js
// and /_p/collect as it answers /p.js and /collect. ROUTE_PREFIX names the prefix ("/_p"), or several, separated
// by commas (one Worker serving sites with different routes). Only the snippet and its beacon are answered there:
// the dashboard and the API stay on the Worker's own host. Pure.

/** What a prefixed request may reach. */
export const PREFIXED_PATHS: readonly string[] = ["/p.js", "/collect"];

/** The prefixes named by the variable, each as "/name" (leading slash added, trailing slashes dropped). */
export function routePrefixes(variable: string | undefined): string[] {
  return (variable ?? "")
    .split(",")
    .map((p) => p.trim().replace(/\/+$/, ""))
    .filter(Boolean)
    .map((p) => (p.startsWith("/") ? p : `/${p}`));
}

/** The path to route: "/_p/collect" → "/collect" under the prefix "/_p"; any other path as it is. */
export function unprefixedPath(path: string, variable: string | undefined): string {
  for (const prefix of routePrefixes(variable)) {
    const rest = path.slice(prefix.length);
    if (path.startsWith(prefix) && PREFIXED_PATHS.includes(rest)) return rest;
  }
  return path;
}
