// Who is looking at the dashboard: the token kept in an httpOnly cookie, checked with the API's own rules.
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { ApiError } from "../../errors";
import { principalOfToken, type Principal } from "../../services/auth";
import type { AppEnv } from "../context";
import { hrefOf } from "./links";
import { postAllowed } from "./origin-check";

type Ctx = Context<AppEnv>;

const COOKIE = "pista_dashboard";
const PATH = "/dashboard";
const isHttps = (c: Ctx) => new URL(c.req.url).protocol === "https:";

export function rememberToken(c: Ctx, token: string): void {
  // Strict: the browser never sends it with a request another site started, which is most of the CSRF defence.
  setCookie(c, COOKIE, token, { httpOnly: true, sameSite: "Strict", secure: isHttps(c), path: PATH });
}

export function forgetToken(c: Ctx): void {
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
  const token = getCookie(c, COOKIE);
  let principal: Principal | null = null;
  if (token) {
    try {
      principal = await principalOfToken(c.env, token);
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 401)) throw err;
      forgetToken(c);
    }
  }
  if (!principal) {
    const url = new URL(c.req.url);
    const back = c.req.method === "GET" ? url.pathname + url.search : undefined;
    return c.redirect(hrefOf(`${PATH}/sign-in`, { next: back === PATH ? undefined : back }), 303);
  }
  c.set("principal", principal);
  await next();
};
