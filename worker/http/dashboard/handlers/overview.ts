// GET /dashboard: the overview of one site over a date range.
import { Hono } from "hono";
import { overviewOf } from "../../../services/overview";
import type { AppEnv } from "../../context";
import { pageContextOf } from "../page-context";
import { OverviewPage } from "../pages/overview";
import { sendPage } from "../render";

export const overview = new Hono<AppEnv>();

overview.get("/", async (c) => {
  const ctx = await pageContextOf(c);
  const data = await overviewOf(ctx.app, { site: ctx.site.id, from: ctx.range.fromMs, to: ctx.range.toMs });
  return sendPage(c, OverviewPage({ ctx, data }));
});
