// Identity verification, as Intercom and HubSpot do it: the site's server computes user_hash = hex(HMAC-SHA256(
// identity secret, user id — or e-mail when there is no user id)) and the page passes it with identify. A matching
// hash makes the identify "verified": it may link this browser to a known person on another device.

/** The identity a user_hash signs: the user id when there is one, else the e-mail as sent (trimmed, lower case). */
export function signedIdentity(traits: { user_id?: unknown; email?: unknown }): string | null {
  if (typeof traits.user_id === "string" || typeof traits.user_id === "number") return String(traits.user_id).trim();
  if (typeof traits.email === "string") return traits.email.trim().toLowerCase();
  return null;
}

export async function userHashOf(secret: string, identity: string): Promise<string> {
  const enc = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", key, enc.encode(identity));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** True when `hash` is the user_hash of the identity the traits name, compared in constant time. */
export async function verifiedUserHash(secret: string | null, traits: { user_id?: unknown; email?: unknown }, hash: unknown): Promise<boolean> {
  const identity = signedIdentity(traits);
  if (!secret || identity === null || typeof hash !== "string" || hash.length !== 64) return false;
  const expected = await userHashOf(secret, identity);
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ hash.toLowerCase().charCodeAt(i);
  return diff === 0;
}
