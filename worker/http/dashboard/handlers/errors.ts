// The dashboard's one error renderer: an HTML page with the status, never a stack; a lost sign-in goes to sign-in.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ApiError } from "../../../errors";
import { ErrorPage } from "../pages/error";
import { sendPage } from "../render";
import type { AppEnv } from "../../context";

export function renderDashboardError(err: Error, c: Context<AppEnv>): Promise<Response> | Response {
  if (err instanceof ApiError && err.status === 401) return c.redirect("/dashboard/sign-in", 303);
  const known = err instanceof ApiError;
  if (!known) console.error("dashboard error", err.name, err.message);
  const status = (known ? err.status : 500) as ContentfulStatusCode;
  for (const [k, v] of Object.entries(known ? (err.options.headers ?? {}) : {})) c.header(k, v);
  return sendPage(c, ErrorPage({ nonce: c.get("nonce") ?? "", status, message: known ? err.message : "An internal error stopped this page. Try again." }), status);
}
