// Who is asking: the admin token (every site) or a site's read key (that site, read only), compared in constant time.
import type { Env } from "../env";
import { ApiError } from "../errors";
import { siteByReadKey } from "../store/sites";

export interface Principal {
  admin: boolean;
  /** the one site a read key may see; null for the admin */
  site: string | null;
}

/** Compares two secrets without leaking where they differ (both are hashed first, so lengths leak nothing either). */
export async function sameSecret(a: string, b: string): Promise<boolean> {
  const enc = new TextEncoder();
  const [x, y] = await Promise.all([crypto.subtle.digest("SHA-256", enc.encode(a)), crypto.subtle.digest("SHA-256", enc.encode(b))]);
  const ax = new Uint8Array(x);
  const ay = new Uint8Array(y);
  let diff = 0;
  for (let i = 0; i < ax.length; i++) diff |= ax[i]! ^ ay[i]!;
  return diff === 0;
}

const CHALLENGE = { headers: { "WWW-Authenticate": "Bearer" } };

/** The principal a bearer token stands for; 401 when it stands for nobody. */
export async function principalOfToken(env: Env, token: string | null): Promise<Principal> {
  if (!token) throw new ApiError(401, "Send Authorization: Bearer <token>.", CHALLENGE);
  const admin = env.ADMIN_TOKEN;
  if (admin && (await sameSecret(token, admin))) return { admin: true, site: null };
  // Read keys are looked up by value (indexed); they are long random strings, so a timing difference reveals nothing usable.
  const site = await siteByReadKey(env.DB, token);
  if (site) return { admin: false, site: site.id };
  throw new ApiError(401, "The token is not valid.", CHALLENGE);
}

export function requireSite(p: Principal, site: string): void {
  if (!p.admin && p.site !== site) throw new ApiError(403, `This key cannot read site ${site}.`);
}

export function requireAdmin(p: Principal): void {
  if (!p.admin) throw new ApiError(403, "This needs the admin token.");
}
