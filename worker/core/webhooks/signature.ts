// Standard Webhooks v1 signing (https://www.standardwebhooks.com): HMAC-SHA256 of "id.timestamp.body" with WebCrypto.
export const SECRET_PREFIX = "whsec_";

export interface SignedContent {
  /** the webhook-id: the same on every retry and replay, so receivers can de-duplicate */
  id: string;
  /** the webhook-timestamp: epoch seconds of this attempt (receivers reject stale ones) */
  timestamp: number;
  body: string;
}

function base64(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}

/** The HMAC key: the base64 after "whsec_" (a secret without the prefix is read as base64 too, as the spec allows). */
export function secretKey(secret: string): Uint8Array<ArrayBuffer> {
  const b64 = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

/** A new endpoint secret from 24 random bytes (the caller supplies them, so this stays deterministic). */
export function secretFromBytes(bytes: Uint8Array): string {
  return SECRET_PREFIX + base64(bytes);
}

/** "v1,<base64 signature>" for one secret. */
export async function signature(secret: string, content: SignedContent): Promise<string> {
  const key = await crypto.subtle.importKey("raw", secretKey(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const signed = new TextEncoder().encode(`${content.id}.${content.timestamp}.${content.body}`);
  return `v1,${base64(new Uint8Array(await crypto.subtle.sign("HMAC", key, signed)))}`;
}

/** The three Standard Webhooks headers; during a secret rotation both signatures, space-separated. */
export async function signedHeaders(secrets: string[], content: SignedContent): Promise<Record<string, string>> {
  const signatures = await Promise.all(secrets.map((s) => signature(s, content)));
  return {
    "webhook-id": content.id,
    "webhook-timestamp": String(content.timestamp),
    "webhook-signature": signatures.join(" "),
  };
}
