// Sites: the one place that says "this site exists and you may see it", plus creating and listing them.
import type * as v from "valibot";
import type { CreateSite } from "../../schema/api";
import { ApiError } from "../errors";
import { DEFAULT_SETTINGS, getSite, insertSite, listSites, type Site } from "../store/sites";
import { requireAdmin, requireSite } from "./auth";
import type { Ctx } from "./context";

/** The site a caller may read, or 403 (another site's key) / 404 (no such site). */
export async function siteFor(ctx: Ctx, id: string): Promise<Site> {
  requireSite(ctx.principal, id);
  const site = await getSite(ctx.env.DB, id);
  if (!site) throw new ApiError(404, `Unknown site ${id}.`, { code: "unknown_site" });
  return site;
}

/** The sites a caller may see: every site for the admin, the key's own for a read key. */
export async function sitesFor(ctx: Ctx): Promise<Site[]> {
  if (ctx.principal.admin) return listSites(ctx.env.DB);
  const own = ctx.principal.site ? await getSite(ctx.env.DB, ctx.principal.site) : null;
  return own ? [own] : [];
}

export function randomKey(prefix: string, bytes = 18): string {
  const b = crypto.getRandomValues(new Uint8Array(bytes));
  return prefix + btoa(String.fromCharCode(...b)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export async function createSite(ctx: Ctx, body: v.InferOutput<typeof CreateSite>): Promise<Site> {
  requireAdmin(ctx.principal);
  const id = body.id ?? crypto.randomUUID().slice(0, 8);
  const site = {
    id, name: body.name, domains: body.domains, write_key: randomKey("wk_"), read_key: randomKey("rk_", 24),
    settings: { ...DEFAULT_SETTINGS, ...body.settings }, created_at: ctx.now,
  };
  if (!(await insertSite(ctx.env.DB, site))) throw new ApiError(409, `Site ${id} exists already.`, { code: "site_exists" });
  return (await getSite(ctx.env.DB, id))!;
}
