// GET /dashboard/attribution (every model from one journeys read) and /dashboard/attribution.csv (the chosen model).
import { Hono } from "hono";
import { journeysFor } from "../../../store/attribution";
import { conversionNames } from "../../../store/overview";
import { attributionChoiceOf, reportOf, reportsOf, type AttributionChoice } from "../attribution-report";
import { attributionCsv, csvFileName } from "../attribution-csv";
import { pageContextOf, type PageContext } from "../page-context";
import { AttributionPage } from "../pages/attribution";
import { sendPage } from "../render";
import type { DashEnv } from "../viewer";

export const attributionPages = new Hono<DashEnv>();

/** Times and non-converting paths are read once, so time decay and Markov can be computed next to the others. */
function journeys(db: D1Database, ctx: PageContext, choice: AttributionChoice, all: boolean) {
  return journeysFor(db, {
    site: ctx.site.id, conversion: choice.conversion, groupBy: choice.group_by, from: ctx.range.fromMs, to: ctx.range.toMs,
    withTimes: all || choice.model === "time_decay", withNulls: all || choice.model === "markov",
  });
}

attributionPages.get("/attribution", async (c) => {
  const ctx = await pageContextOf(c, Date.now());
  const choice = attributionChoiceOf(c.req.query());
  const [all, names] = await Promise.all([journeys(c.env.DB, ctx, choice, true), conversionNames(c.env.DB, ctx.site.id)]);
  return sendPage(c, AttributionPage({ ctx, choice, reports: reportsOf(all), names }));
});

attributionPages.get("/attribution.csv", async (c) => {
  const ctx = await pageContextOf(c, Date.now());
  const choice = attributionChoiceOf(c.req.query());
  const report = reportOf(await journeys(c.env.DB, ctx, choice, false), choice.model);
  const csv = attributionCsv({ ...choice, rows: report.rows });
  return c.body(csv, 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${csvFileName(choice, ctx.range)}"`,
    "Cache-Control": "no-store",
  });
});
