// Which write key a Segment request presents: HTTP Basic user name (empty password), else `writeKey` in the body.

/** The Basic user name, or null when the header is absent or not Basic. Segment's SDKs send base64("KEY:"). */
export function basicUser(authorization: string | null): string | null {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(authorization ?? "");
  if (!match) return null;
  try {
    const decoded = atob(match[1]!.replace(/-/g, "+").replace(/_/g, "/"));
    const user = decoded.split(":")[0] ?? "";
    return user === "" ? null : user;
  } catch {
    return null;
  }
}

export function writeKeyOf(authorization: string | null, body: unknown): string | null {
  const fromHeader = basicUser(authorization);
  if (fromHeader) return fromHeader;
  const key = typeof body === "object" && body !== null && !Array.isArray(body) ? (body as { writeKey?: unknown }).writeKey : undefined;
  return typeof key === "string" && key !== "" && key.length <= 256 ? key : null;
}
