// What every signed-in page knows: the use-case context, the site being looked at (checked against the viewer),
// the sites the picker offers, and the date range.
import type { Context } from "hono";
import type { Principal } from "../../services/auth";
import type { Ctx } from "../../services/context";
import { siteFor, sitesFor } from "../../services/sites";
import { ApiError } from "../../errors";
import type { Site } from "../../store/sites";
import { ctxOf, type AppEnv } from "../context";
import { rangeOf, type DateRange } from "./date-range";

export interface PageContext {
  /** the use-case context every service call takes */
  app: Ctx;
  nonce: string;
  principal: Principal;
  site: Site;
  /** the sites the picker offers: all for the admin, the key's own for a read key */
  sites: { id: string; name: string }[];
  range: DateRange;
  /** the page's path, which the filter form submits to */
  path: string;
  /** query parameters every link keeps: the site, and the range when the viewer chose one */
  keep: { site: string; from?: string; to?: string };
}

/** `site` overrides the query's choice, for pages about one record (a profile belongs to exactly one site). */
export async function pageContextOf(c: Context<AppEnv>, site?: string): Promise<PageContext> {
  const app = ctxOf(c);
  const sites = await sitesFor(app);
  const q = c.req.query();
  // The site asked for, or the one a viewer would expect: a read key's own, else `demo`, else the first.
  const id = site ?? (q.site || undefined) ?? app.principal.site ?? (sites.some((s) => s.id === "demo") ? "demo" : sites[0]?.id);
  if (!id) throw new ApiError(404, "There is no site yet.", { code: "no_site" });
  const chosen = await siteFor(app, id);
  const range = rangeOf({ from: q.from, to: q.to }, app.now);
  const asked = q.from || q.to ? { from: range.from, to: range.to } : {};
  return {
    app,
    nonce: c.get("nonce"),
    principal: app.principal,
    site: chosen,
    sites: sites.map((s) => ({ id: s.id, name: s.name })),
    range,
    path: new URL(c.req.url).pathname,
    keep: { site: chosen.id, ...asked },
  };
}
