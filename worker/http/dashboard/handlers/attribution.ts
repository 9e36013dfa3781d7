// GET /dashboard/attribution (every model from one journeys read) and /dashboard/attribution.csv (the chosen model).
import { Hono } from "hono";
import { MODELS } from "../../../../schema/vocabulary";
import { attributionReports } from "../../../services/attribution";
import { conversionNames } from "../../../services/overview";
import type { AppEnv } from "../../context";
import { attributionCsv, csvFileName } from "../attribution-csv";
import { attributionChoiceOf } from "../attribution-report";
import { pageContextOf, type PageContext } from "../page-context";
import { AttributionPage } from "../pages/attribution";
import { sendPage } from "../render";

export const attributionPages = new Hono<AppEnv>();

const requestOf = (ctx: PageContext, choice: ReturnType<typeof attributionChoiceOf>) => ({
  site: ctx.site.id, group_by: choice.group_by, conversion: choice.conversion, from: ctx.range.fromMs, to: ctx.range.toMs,
});

attributionPages.get("/attribution", async (c) => {
  const ctx = await pageContextOf(c);
  const choice = attributionChoiceOf(c.req.query());
  const [reports, names] = await Promise.all([attributionReports(ctx.app, requestOf(ctx, choice), MODELS), conversionNames(ctx.app, ctx.site.id)]);
  return sendPage(c, AttributionPage({ ctx, choice, reports, names }));
});

attributionPages.get("/attribution.csv", async (c) => {
  const ctx = await pageContextOf(c);
  const choice = attributionChoiceOf(c.req.query());
  const [report] = await attributionReports(ctx.app, requestOf(ctx, choice), [choice.model]);
  return c.body(attributionCsv({ ...choice, rows: report!.rows }), 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${csvFileName(choice, ctx.range)}"`,
    "Cache-Control": "no-store",
  });
});
