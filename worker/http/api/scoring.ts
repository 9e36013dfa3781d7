// /api/v1/sites/{id}/scoring: read and replace a site's scoring configuration (validated, versioned, rescored).
import { Hono } from "hono";
import { ApiError } from "../../errors";
import { saveScoringConfig, scoringOf } from "../../services/scoring";
import { jsonBody } from "../../validate";
import { ctxOf, type AppEnv } from "../context";

export const scoring = new Hono<AppEnv>();

scoring.get("/:id/scoring", async (c) => c.json(await scoringOf(ctxOf(c), c.req.param("id"))));

scoring.put("/:id/scoring", async (c) => {
  const saved = await saveScoringConfig(ctxOf(c), c.req.param("id"), await jsonBody(c.req.raw, 128 * 1024));
  if (!saved.ok) throw new ApiError(400, "The scoring configuration is not valid.", { issues: saved.issues });
  // Existing profiles are rescored from their retained events, a page per queue message.
  return c.json({ ...saved.state, rescoring: true });
});
