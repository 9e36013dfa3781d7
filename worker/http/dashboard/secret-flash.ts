// A webhook secret made by a form POST is shown on the page the browser is redirected to (POST → 303 → GET), so
// reloading the page never creates an endpoint or rotates a secret twice. It travels in a short-lived httpOnly cookie
// scoped to the webhooks page, which that page reads once and deletes.
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import * as v from "valibot";
import type { AppEnv } from "../context";

const COOKIE = "pista_new_secret";
const PATH = "/dashboard/settings/webhooks";
const MAX_AGE_SECONDS = 120;

const NewSecret = v.object({ id: v.string(), url: v.string(), secret: v.string(), previous_expires_at: v.optional(v.string()) });
export type NewSecret = v.InferOutput<typeof NewSecret>;

const options = (c: Context<AppEnv>) => ({ httpOnly: true, sameSite: "Strict" as const, secure: new URL(c.req.url).protocol === "https:", path: PATH });

export function flashSecret(c: Context<AppEnv>, secret: NewSecret): void {
  setCookie(c, COOKIE, btoa(JSON.stringify(secret)), { ...options(c), maxAge: MAX_AGE_SECONDS });
}

/** The secret waiting to be shown, if it belongs to one of `ids` (the endpoints of the site on screen); read once. */
export function takeFlashedSecret(c: Context<AppEnv>, ids: string[]): NewSecret | undefined {
  const raw = getCookie(c, COOKIE);
  if (raw === undefined) return undefined;
  deleteCookie(c, COOKIE, options(c));
  try {
    const parsed = v.safeParse(NewSecret, JSON.parse(atob(raw)));
    return parsed.success && ids.includes(parsed.output.id) ? parsed.output : undefined;
  } catch {
    return undefined;
  }
}
