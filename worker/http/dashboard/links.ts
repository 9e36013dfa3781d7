// Dashboard links: a path plus the query parameters that are set, so every link carries the site and range along.

export type Params = Record<string, string | number | null | undefined>;

/** `path?a=1&b=2`, leaving out empty values; keys keep the order given. */
export function hrefOf(path: string, params: Params = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** Where to go after signing in: only a dashboard path of this site, never another origin. */
export function safeNext(next: string | undefined): string {
  if (!next || !/^\/dashboard(?:[/?]|$)/.test(next) || /[\\\r\n]/.test(next)) return "/dashboard";
  return next;
}
