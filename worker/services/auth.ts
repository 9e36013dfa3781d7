// Bearer auth for the API: the admin token (every site) or a site's read key (that site only), compared in constant time.
import type { Context } from "hono";
import type { AppEnv } from "../env";
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

export function bearerToken(c: Context<AppEnv>): string | null {
  const header = c.req.header("authorization") ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

export async function principalOf(c: Context<AppEnv>, token: string | null): Promise<Principal> {
  if (!token) throw new ApiError(401, "Send Authorization: Bearer <token>.", { headers: { "WWW-Authenticate": "Bearer" } });
  const admin = c.env.ADMIN_TOKEN;
  if (admin && (await sameSecret(token, admin))) return { admin: true, site: null };
  // Read keys are looked up by value (indexed); they are long random strings, so a timing difference reveals nothing usable.
  const site = await siteByReadKey(c.env.DB, token);
  if (site) return { admin: false, site: site.id };
  throw new ApiError(401, "The token is not valid.", { headers: { "WWW-Authenticate": "Bearer" } });
}

export function requireSite(p: Principal, site: string): void {
  if (!p.admin && p.site !== site) throw new ApiError(403, `This key cannot read site ${site}.`);
}

export function requireAdmin(p: Principal): void {
  if (!p.admin) throw new ApiError(403, "This needs the admin token.");
}
