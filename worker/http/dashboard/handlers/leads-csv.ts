// GET /dashboard/leads.csv: the leads list as CSV from the dashboard session, with the same query parameters as
// /dashboard/leads (read leniently, as the page reads them; hottest first unless `sort` says otherwise), written by
// the same profilesCsv service and response as GET /api/v1/profiles.csv.
import { Hono } from "hono";
import { CsvQuery, sendProfilesCsv } from "../../api/profiles-csv";
import type { AppEnv } from "../../context";
import { lenient } from "../lenient";
import { pageContextOf } from "../page-context";

export const leadsCsv = new Hono<AppEnv>();

leadsCsv.get("/leads.csv", async (c) => {
  const ctx = await pageContextOf(c);
  const asked = lenient(CsvQuery, { ...c.req.query(), site: ctx.site.id }) ?? { site: ctx.site.id };
  return sendProfilesCsv(c, { ...asked, site: ctx.site.id, sort: asked.sort ?? "score" }, "leads");
});
