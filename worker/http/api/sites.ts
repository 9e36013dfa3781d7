// /api/v1/sites: create, read, change and delete sites, and rotate their keys (admin; a read key sees its own site).
import { Hono } from "hono";
import { CreateSite, PatchSite, RotateKey } from "../../../schema/api";
import { createSite, deleteSite, patchSite, rotateKey, siteFor, sitesFor, type NewKeys } from "../../services/sites";
import type { Site } from "../../store/sites";
import { jsonBody, validated } from "../../validate";
import { ctxOf, type AppEnv } from "../context";

export const sites = new Hono<AppEnv>();

/** A site as the API shows it; keys appear only in the response that made them. */
export function siteView(s: Site, keys?: Partial<NewKeys>) {
  return {
    id: s.id, name: s.name, domains: s.domains, settings: s.settings, shard: s.shard,
    scoring_version: s.scoring_version, created_at: new Date(s.created_at).toISOString(), ...keys,
  };
}

sites.post("/", async (c) => {
  const body = validated(CreateSite, await jsonBody(c.req.raw, 16 * 1024));
  const { site, keys } = await createSite(ctxOf(c), body);
  return c.json(siteView(site, keys), 201);
});

sites.get("/", async (c) => c.json({ data: (await sitesFor(ctxOf(c))).map((s) => siteView(s)) }));

sites.get("/:id", async (c) => c.json(siteView(await siteFor(ctxOf(c), c.req.param("id")))));

sites.patch("/:id", async (c) => {
  const body = validated(PatchSite, await jsonBody(c.req.raw, 16 * 1024));
  return c.json(siteView(await patchSite(ctxOf(c), c.req.param("id"), body)));
});

sites.delete("/:id", async (c) => {
  await deleteSite(ctxOf(c), c.req.param("id"));
  return c.body(null, 204);
});

sites.post("/:id/keys", async (c) => {
  const { key } = validated(RotateKey, await jsonBody(c.req.raw, 1024));
  const value = await rotateKey(ctxOf(c), c.req.param("id"), key);
  return c.json({ site: c.req.param("id"), key, value, [key === "identity" ? "identity_secret" : `${key}_key`]: value });
});
