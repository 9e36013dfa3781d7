// GET /api/v1/stats: accepted at ingest, stored after the queue, dropped by reason.
import { Hono } from "hono";
import { StatsQuery } from "../../../schema/api";
import { requireSite } from "../../services/auth";
import type { AppEnv } from "../../env";
import { siteStats } from "../../store/stats";
import { validated } from "../../validate";

export const stats = new Hono<AppEnv>();

stats.get("/", async (c) => {
  const q = validated(StatsQuery, c.req.query(), "query");
  requireSite(c.get("principal"), q.site);
  const range = { from: q.from ?? "0000-01-01", to: q.to ?? "9999-12-31" };
  return c.json({ site: q.site, ...(await siteStats(c.env.DB, q.site, range)) });
});
