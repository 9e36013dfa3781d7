// The dashboard's one error renderer: an HTML page with the status, never a stack; a lost sign-in goes to sign-in,
// and an admin with no site yet is taken to add one.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { asApiError } from "../../../errors";
import { ErrorPage } from "../pages/error";
import { sendPage } from "../render";
import type { AppEnv } from "../../context";

export function renderDashboardError(err: Error, c: Context<AppEnv>): Promise<Response> | Response {
  const known = asApiError(err);
  if (known?.status === 401) return c.redirect("/dashboard/sign-in", 303);
  if (known?.code === "no_site" && c.get("principal")?.admin) return c.redirect("/dashboard/sites/new", 303);
  if (!known) console.error("dashboard error", err.name, err.message);
  const status = (known ? known.status : 500) as ContentfulStatusCode;
  for (const [k, v] of Object.entries(known?.options.headers ?? {})) c.header(k, v);
  return sendPage(c, ErrorPage({ nonce: c.get("nonce") ?? "", status, message: known ? known.message : "An internal error stopped this page. Try again." }), status);
}
