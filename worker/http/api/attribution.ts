// GET /api/v1/attribution: credits by channel, source or campaign under one model; /compare gives every model.
import { Hono } from "hono";
import { AttributionQuery } from "../../../schema/api";
import { MODELS } from "../../../schema/vocabulary";
import { attributionReport, attributionReports } from "../../services/attribution";
import { validated } from "../../validate";
import { ctxOf, type AppEnv } from "../context";

export const attribution = new Hono<AppEnv>();

attribution.get("/", async (c) => c.json(await attributionReport(ctxOf(c), validated(AttributionQuery, c.req.query(), "query"))));

attribution.get("/compare", async (c) => {
  const q = validated(AttributionQuery, c.req.query(), "query");
  return c.json({ models: await attributionReports(ctxOf(c), q, MODELS) });
});
