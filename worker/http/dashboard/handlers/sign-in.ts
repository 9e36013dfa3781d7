// Sign-in and sign-out: the token is checked with the API's own rules, then kept in an httpOnly SameSite=Strict cookie.
import { Hono } from "hono";
import { isDevelopment } from "../../../env";
import { ApiError } from "../../../errors";
import { checkRate, clientKey } from "../../../services/ingest/rate-limit";
import { safeNext } from "../links";
import { noticeOf } from "../notices";
import { SignInPage } from "../pages/sign-in";
import { sendPage } from "../render";
import { openSession } from "../../../services/auth";
import type { AppEnv } from "../../context";
import { endSession, rememberSession } from "../viewer";

export const signIn = new Hono<AppEnv>();

const isDev = (c: { env: AppEnv["Bindings"] }) => isDevelopment(c.env);

signIn.get("/sign-in", (c) => {
  const next = c.req.query("next");
  return sendPage(c, SignInPage({ nonce: c.get("nonce"), dev: isDev(c), next: next && safeNext(next), notice: noticeOf(c.req.query()) }));
});

signIn.post("/sign-in", async (c) => {
  // Guessing tokens here costs the same budget as guessing them on the API.
  await checkRate(c.env, c.env.API_LIMITER, `api:${clientKey(c.req.raw)}`);
  const form = await c.req.parseBody();
  const token = typeof form.token === "string" ? form.token.trim() : "";
  const next = safeNext(typeof form.next === "string" ? form.next : undefined);
  try {
    if (!token) throw new ApiError(401, "empty token");
    rememberSession(c, (await openSession(c.env, token, Date.now())).id);
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 401)) throw err;
    const page = SignInPage({ nonce: c.get("nonce"), dev: isDev(c), next, error: "That token is not valid. Use the admin token or a site's read key." });
    return sendPage(c, page, 401);
  }
  return c.redirect(next, 303);
});

signIn.post("/sign-out", async (c) => {
  await endSession(c);
  return c.redirect("/dashboard/sign-in?notice=signed_out", 303);
});
