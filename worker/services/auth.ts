// Who is asking. The API takes a bearer token: the admin token (every site) or a site's read key (that site, read
// only). The dashboard signs in with the same tokens and then holds a server-side session: a random id in an
// httpOnly cookie, valid until it expires, its owner signs out, or the token it was opened with stops being valid.
import type { Env } from "../env";
import { ApiError } from "../errors";
import { keyHash, readKeyHashOf } from "../store/sites";
import { dbOfSite, siteById, siteByKey } from "../shards";
import { deleteSession, insertSession, liveSession } from "../store/sessions";

export interface Principal {
  admin: boolean;
  /** the one site a read key may see; null for the admin */
  site: string | null;
}

/** Compares two secrets without leaking where they differ (both are hashed first, so lengths leak nothing either). */
export async function sameSecret(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([keyHash(a), keyHash(b)]);
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x.charCodeAt(i) ^ y.charCodeAt(i);
  return diff === 0;
}

const CHALLENGE = { headers: { "WWW-Authenticate": "Bearer" } };

/** The principal a token stands for; 401 when it stands for nobody. */
export async function principalOfToken(env: Env, token: string | null): Promise<Principal> {
  if (!token) throw new ApiError(401, "Send Authorization: Bearer <token>.", CHALLENGE);
  const admin = env.ADMIN_TOKEN;
  if (admin && (await sameSecret(token, admin))) return { admin: true, site: null };
  // Read keys are stored as SHA-256 hashes and found by the hash: the lookup's timing says nothing about the key.
  const site = await siteByKey(env, "read", token);
  if (site) return { admin: false, site: site.id };
  throw new ApiError(401, "The token is not valid.", CHALLENGE);
}

export function requireSite(p: Principal, site: string): void {
  if (!p.admin && p.site !== site) throw new ApiError(403, `This key cannot read site ${site}.`);
}

export function requireAdmin(p: Principal): void {
  if (!p.admin) throw new ApiError(403, "This needs the admin token.");
}

/** A dashboard session lasts this long from sign-in. */
export const SESSION_MS = 12 * 3_600_000;

function randomId(): string {
  return [...crypto.getRandomValues(new Uint8Array(32))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Signs in with a token: the session's random id for the cookie (the token itself is never stored or sent back). */
export async function openSession(env: Env, token: string, now: number): Promise<{ id: string; principal: Principal; expires: number }> {
  const principal = await principalOfToken(env, token);
  const id = randomId();
  const expires = now + SESSION_MS;
  await insertSession(env.DB, { id_hash: await keyHash(id), site: principal.site, credential_hash: await keyHash(token), created_at: now, expires_at: expires });
  return { id, principal, expires };
}

/** The principal of a live session whose token is still valid; null otherwise. */
export async function principalOfSession(env: Env, id: string, now: number): Promise<Principal | null> {
  const session = await liveSession(env.DB, await keyHash(id), now);
  if (!session) return null;
  const current = session.site === null ? (env.ADMIN_TOKEN ? await keyHash(env.ADMIN_TOKEN) : null) : await readKeyHashOfSite(env, session.site, now);
  if (current === null || !(await sameSecret(current, session.credential_hash))) return null;
  return { admin: session.site === null, site: session.site };
}

async function readKeyHashOfSite(env: Env, id: string, now: number): Promise<string | null> {
  const site = await siteById(env, id, now);
  return site ? readKeyHashOf(dbOfSite(env, site), site.id) : null;
}

export async function closeSession(env: Env, id: string): Promise<void> {
  await deleteSession(env.DB, await keyHash(id));
}
