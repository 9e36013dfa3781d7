// The API's credential: `Authorization: Bearer TOKEN` everywhere; on the exports also HTTP Basic with the token as
// password (user name anything), because Google Ads' scheduled upload from an HTTPS URL can only send a user name and a
// password. The token means the same either way (admin token, or a site's read key).
import type { Env } from "../env";
import { ApiError } from "../errors";
import { principalOfToken, type Principal } from "../services/auth";

/** Paths that also take HTTP Basic. */
const BASIC_PREFIXES = ["/api/v1/exports/"];

function basicPassword(header: string): string | null {
  const encoded = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header)?.[1];
  if (!encoded) return null;
  let decoded: string;
  try {
    decoded = atob(encoded);
  } catch {
    return null;
  }
  const colon = decoded.indexOf(":");
  return colon >= 0 && colon < decoded.length - 1 ? decoded.slice(colon + 1) : null;
}

/** The token a request carries, or null. */
export function tokenOf(header: string | undefined, path: string): string | null {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "")?.[1];
  if (bearer) return bearer;
  return header && BASIC_PREFIXES.some((p) => path.startsWith(p)) ? basicPassword(header) : null;
}

/** Who asks; on the exports a 401 also invites Basic, so a client that waits for the challenge sends its password. */
export async function principalOfRequest(env: Env, header: string | undefined, path: string): Promise<Principal> {
  try {
    return await principalOfToken(env, tokenOf(header, path));
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 401 || !BASIC_PREFIXES.some((p) => path.startsWith(p))) throw err;
    const message = "Send the read key as the HTTP Basic password (any user name), or Authorization: Bearer <token>.";
    throw new ApiError(401, message, { headers: { "WWW-Authenticate": 'Basic realm="Pista exports", Bearer' } });
  }
}
