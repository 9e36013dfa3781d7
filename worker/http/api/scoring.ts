// /api/v1/sites/{id}/scoring: read and replace a site's scoring configuration (validated, versioned, rescored).
import { Hono } from "hono";
import { requireAdmin, requireSite } from "../../services/auth";
import { saveScoringConfig } from "../../services/actions";
import { DEFAULT_SCORING } from "../../core/scoring";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { getSite } from "../../store/sites";
import { jsonBody } from "../../validate";

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
  const input = await jsonBody(c.req.raw, 128 * 1024);
  if (!(await getSite(c.env.DB, id))) throw new ApiError(404, `No site ${id}.`);
  // Existing profiles are rescored from their retained events, a page per queue message.
  const saved = await saveScoringConfig(c.env, id, input);
  if (!saved.ok) throw new ApiError(400, "The scoring configuration is not valid.", { issues: saved.issues });
  return c.json({ site: id, version: saved.version, default: false, config: saved.config, rescoring: true });
});
