// /api/v1/sites: create and read sites (admin), with their keys.
import { Hono } from "hono";
import { CreateSite } from "../../../schema/api";
import { requireAdmin, requireSite } from "../../services/auth";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { DEFAULT_SETTINGS, getSite, insertSite, listSites, type Site } from "../../store/sites";
import { jsonBody, validated } from "../../validate";

export const sites = new Hono<AppEnv>();

function randomKey(prefix: string, bytes = 18): string {
  const b = crypto.getRandomValues(new Uint8Array(bytes));
  return prefix + btoa(String.fromCharCode(...b)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export function siteView(s: Site, withSecrets: boolean) {
  return {
    id: s.id, name: s.name, domains: s.domains, write_key: s.write_key, settings: s.settings,
    scoring_version: s.scoring_version, created_at: new Date(s.created_at).toISOString(),
    ...(withSecrets ? { read_key: s.read_key } : {}),
  };
}

sites.post("/", async (c) => {
  requireAdmin(c.get("principal"));
  const body = validated(CreateSite, await jsonBody(c.req.raw, 16 * 1024));
  const id = body.id ?? crypto.randomUUID().slice(0, 8);
  const site = {
    id, name: body.name, domains: body.domains, write_key: randomKey("wk_"), read_key: randomKey("rk_", 24),
    settings: { ...DEFAULT_SETTINGS, ...body.settings }, created_at: Date.now(),
  };
  if (!(await insertSite(c.env.DB, site))) throw new ApiError(409, `Site ${id} exists already.`, { code: "site_exists" });
  return c.json(siteView({ ...site, scoring: (await getSite(c.env.DB, id))!.scoring, scoring_version: 0 }, true), 201);
});

sites.get("/", async (c) => {
  requireAdmin(c.get("principal"));
  return c.json({ data: (await listSites(c.env.DB)).map((s) => siteView(s, true)) });
});

sites.get("/:id", async (c) => {
  const id = c.req.param("id");
  requireSite(c.get("principal"), id);
  const site = await getSite(c.env.DB, id);
  if (!site) throw new ApiError(404, `No site ${id}.`);
  return c.json(siteView(site, c.get("principal").admin));
});
