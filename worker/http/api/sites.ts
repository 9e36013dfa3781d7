// /api/v1/sites: create and read sites (admin), with their keys.
import { Hono } from "hono";
import { CreateSite } from "../../../schema/api";
import type { Site } from "../../store/sites";
import { createSite, siteFor, sitesFor } from "../../services/sites";
import { ctxOf, type AppEnv } from "../context";
import { jsonBody, validated } from "../../validate";

export const sites = new Hono<AppEnv>();

export function siteView(s: Site, withSecrets: boolean) {
  return {
    id: s.id, name: s.name, domains: s.domains, write_key: s.write_key, settings: s.settings,
    scoring_version: s.scoring_version, created_at: new Date(s.created_at).toISOString(),
    ...(withSecrets ? { read_key: s.read_key } : {}),
  };
}

sites.post("/", async (c) => {
  const body = validated(CreateSite, await jsonBody(c.req.raw, 16 * 1024));
  return c.json(siteView(await createSite(ctxOf(c), body), true), 201);
});

sites.get("/", async (c) => {
  const ctx = ctxOf(c);
  return c.json({ data: (await sitesFor(ctx)).map((s) => siteView(s, ctx.principal.admin)) });
});

sites.get("/:id", async (c) => {
  const ctx = ctxOf(c);
  return c.json(siteView(await siteFor(ctx, c.req.param("id")), ctx.principal.admin));
});
