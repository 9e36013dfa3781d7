// GET /dashboard/leads: one view of the profiles hottest first, filtered, paged both ways by the API's keyset cursors.
import { Hono } from "hono";
import { listProfiles } from "../../../services/profiles";
import { routingOfSite } from "../../../services/routing/config";
import type { AppEnv } from "../../context";
import { leadsViewOf } from "../leads-view";
import { noticeOf } from "../notices";
import { pageContextOf } from "../page-context";
import { LeadsPage } from "../pages/leads";
import { sendPage } from "../render";
import { LEADS_CSV_ROWS } from "./leads-csv";

export const leads = new Hono<AppEnv>();

const PAGE = 25;

leads.get("/leads", async (c) => {
  const ctx = await pageContextOf(c);
  const q = c.req.query();
  const view = leadsViewOf(q, ctx.site.id);
  const [page, routing] = await Promise.all([listProfiles(ctx.app, { ...view.query, limit: PAGE }), routingOfSite(ctx.app, ctx.site.id)]);
  const config = ctx.site.scoring;
  const labels = [...new Set([config.labels.default, ...config.labels.rules.map((r) => r.label)])];
  const data = { view, labels, rows: page.data, next: page.next_cursor, prev: page.prev_cursor ?? null, notice: noticeOf(q), routing: routing.config, csvRows: LEADS_CSV_ROWS };
  return sendPage(c, LeadsPage({ ctx, data }));
});
