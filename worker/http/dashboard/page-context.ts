// What every signed-in page knows: the viewer, the site being looked at (checked against the viewer), the range.
import type { Context } from "hono";
import type { Principal } from "../../services/auth";
import { ApiError } from "../../errors";
import { getSite, listSites, type Site } from "../../store/sites";
import { rangeOf, type DateRange } from "./date-range";
import type { DashEnv } from "./viewer";

export interface PageContext {
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

/** The site a viewer asked for, or the one they would expect: a read key's own, else `demo`, else the first. */
function chosenSite(p: Principal, asked: string | undefined, sites: Site[]): Site {
  if (asked !== undefined && !p.admin && asked !== p.site) throw new ApiError(403, `This key can only read site ${p.site}.`);
  const id = asked ?? p.site ?? (sites.some((s) => s.id === "demo") ? "demo" : sites[0]?.id);
  const site = sites.find((s) => s.id === id);
  if (!site) throw new ApiError(404, id ? `No site ${id}.` : "There is no site yet; create one with POST /api/v1/sites.");
  return site;
}

/** `site` overrides the query's choice, for pages about one record (a profile belongs to exactly one site). */
export async function pageContextOf(c: Context<DashEnv>, now: number, site?: string): Promise<PageContext> {
  const principal = c.get("principal");
  const sites = principal.admin ? await listSites(c.env.DB) : [await getSite(c.env.DB, principal.site!)].filter((s): s is Site => s !== null);
  const q = c.req.query();
  const chosen = chosenSite(principal, site ?? (q.site || undefined), sites);
  const range = rangeOf({ from: q.from, to: q.to }, now);
  const asked = q.from || q.to ? { from: range.from, to: range.to } : {};
  return {
    nonce: c.get("nonce"),
    principal,
    site: chosen,
    sites: sites.map((s) => ({ id: s.id, name: s.name })),
    range,
    path: new URL(c.req.url).pathname,
    keep: { site: chosen.id, ...asked },
  };
}
