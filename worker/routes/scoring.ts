// /api/v1/sites/{id}/scoring: read and replace a site's scoring configuration (validated, versioned, rescored).
import { Hono } from "hono";
import { requireAdmin, requireSite } from "../auth";
import { DEFAULT_SCORING, parseScoringConfig } from "../core/scoring";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { forgetCachedSite, getSite, saveScoring } from "../store/sites";
import { jsonBody } from "../validate";

export const scoring = new Hono<AppEnv>();

scoring.get("/:id/scoring", async (c) => {
  const id = c.req.param("id");
  requireSite(c.get("principal"), id);
  const site = await getSite(c.env.DB, id);
  if (!site) throw new ApiError(404, `No site ${id}.`);
  return c.json({ site: id, version: site.scoring_version, default: site.scoring === DEFAULT_SCORING, config: site.scoring });
});

scoring.put("/:id/scoring", async (c) => {
  requireAdmin(c.get("principal"));
  const id = c.req.param("id");
  const parsed = parseScoringConfig(await jsonBody(c.req.raw, 128 * 1024));
  if (!parsed.ok) throw new ApiError(400, "The scoring configuration is not valid.", { issues: parsed.issues });
  if (!(await getSite(c.env.DB, id))) throw new ApiError(404, `No site ${id}.`);
  const version = await saveScoring(c.env.DB, id, parsed.config);
  forgetCachedSite(id);
  // Existing profiles are rescored from their retained events, a page per queue message.
  await c.env.EVENTS.send({ v: 1, rescore: { site: id, version, after: null } }, { contentType: "json" });
  return c.json({ site: id, version, default: false, config: parsed.config, rescoring: true });
});
