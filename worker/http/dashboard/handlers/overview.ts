// GET /dashboard: the overview of one site over a date range.
import { Hono } from "hono";
import { overviewOf } from "../../../store/overview";
import { pageContextOf } from "../page-context";
import { OverviewPage } from "../pages/overview";
import { sendPage } from "../render";
import type { DashEnv } from "../viewer";

export const overview = new Hono<DashEnv>();

overview.get("/", async (c) => {
  const ctx = await pageContextOf(c, Date.now());
  const data = await overviewOf(c.env.DB, { site: ctx.site.id, from: ctx.range.fromMs, to: ctx.range.toMs });
  return sendPage(c, OverviewPage({ ctx, data }));
});
