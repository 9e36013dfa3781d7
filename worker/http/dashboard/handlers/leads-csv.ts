// GET /dashboard/leads.csv: exactly the leads page's current view (the same view, filters and order, from its first
// row) as CSV from the dashboard session, written by the same profilesCsv service and response as
// GET /api/v1/profiles.csv.
import { Hono } from "hono";
import { sendProfilesCsv } from "../../api/profiles-csv";
import type { AppEnv } from "../../context";
import { leadsViewOf } from "../leads-view";
import { pageContextOf } from "../page-context";

export const leadsCsv = new Hono<AppEnv>();

/** A download holds the view's first rows up to this many; the API's Link header pages on for more. */
export const LEADS_CSV_ROWS = 5000;

leadsCsv.get("/leads.csv", async (c) => {
  const ctx = await pageContextOf(c);
  const { view, query } = leadsViewOf(c.req.query(), ctx.site.id);
  const { cursor: _cursor, before: _before, ...fromTheTop } = query;
  return sendProfilesCsv(c, { ...fromTheTop, limit: LEADS_CSV_ROWS }, `leads-${view}`);
});
