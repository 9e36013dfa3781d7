// Who is looking at the dashboard: a server-side session (services/auth.ts) named by an httpOnly cookie.
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { ApiError } from "../../errors";
import { closeSession, principalOfSession, SESSION_MS } from "../../services/auth";
import type { AppEnv } from "../context";
import { hrefOf } from "./links";
import { postAllowed } from "./origin-check";

type Ctx = Context<AppEnv>;

const COOKIE = "pista_dashboard";
const PATH = "/dashboard";
const isHttps = (c: Ctx) => new URL(c.req.url).protocol === "https:";

export function rememberSession(c: Ctx, id: string): void {
  // Strict: the browser never sends it with a request another site started, which is most of the CSRF defence.
  setCookie(c, COOKIE, id, { httpOnly: true, sameSite: "Strict", secure: isHttps(c), path: PATH, maxAge: SESSION_MS / 1000 });
}

/** Signs out: the session is deleted on the server, so a copy of the cookie is worth nothing either. */
export async function endSession(c: Ctx): Promise<void> {
  const id = getCookie(c, COOKIE);
  if (id) await closeSession(c.env, id);
  deleteCookie(c, COOKIE, { path: PATH, secure: isHttps(c), httpOnly: true, sameSite: "Strict" });
}

/** The rest of the CSRF defence: a POST must come from a page of this origin (see origin-check.ts). */
export const sameOriginPosts: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method === "POST" && !postAllowed({ origin: c.req.header("origin"), secFetchSite: c.req.header("sec-fetch-site"), self: new URL(c.req.url).origin })) {
    throw new ApiError(403, "This form must be sent from the dashboard's own pages.");
  }
  await next();
};

/** Signed-in requests go on with c.get("principal"); the others are sent to the sign-in page (and back afterwards). */
export const requireViewer: MiddlewareHandler<AppEnv> = async (c, next) => {
  const id = getCookie(c, COOKIE);
  const principal = id ? await principalOfSession(c.env, id, Date.now()) : null;
  if (!principal) {
    if (id) deleteCookie(c, COOKIE, { path: PATH, secure: isHttps(c), httpOnly: true, sameSite: "Strict" });
    const url = new URL(c.req.url);
    const back = c.req.method === "GET" ? url.pathname + url.search : undefined;
    return c.redirect(hrefOf(`${PATH}/sign-in`, { next: back === PATH ? undefined : back }), 303);
  }
  c.set("principal", principal);
  await next();
};
