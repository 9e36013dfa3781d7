// GET /dashboard/leads: profiles hottest first, filtered, paged by the same keyset cursor as the API.
import { Hono } from "hono";
import { ProfileQuery } from "../../../../schema/api";
import { listProfiles } from "../../../services/profiles";
import { routingOfSite } from "../../../services/routing/config";
import type { AppEnv } from "../../context";
import { lenient } from "../lenient";
import { noticeOf } from "../notices";
import { pageContextOf } from "../page-context";
import { LeadsPage, type LeadFilters } from "../pages/leads";
import { sendPage } from "../render";

export const leads = new Hono<AppEnv>();

const PAGE = 25;

leads.get("/leads", async (c) => {
  const ctx = await pageContextOf(c);
  const q = c.req.query();
  const asked = lenient(ProfileQuery, { ...q, site: ctx.site.id }) ?? { site: ctx.site.id };
  const { stage, label, email, min_score, cursor, owner, overdue } = asked;
  const filters: LeadFilters = { stage, label, min_score: min_score?.toString(), email, owner, overdue: overdue ? "true" : undefined };
  const page = await listProfiles(ctx.app, { stage, label, email, min_score, owner, overdue, site: ctx.site.id, sort: "score", cursor, limit: PAGE });
  const routing = (await routingOfSite(ctx.app, ctx.site.id)).config;
  const config = ctx.site.scoring;
  const labels = [...new Set([config.labels.default, ...config.labels.rules.map((r) => r.label)])];
  return sendPage(c, LeadsPage({ ctx, filters, labels, rows: page.data, next: page.next_cursor, paged: asked.cursor !== undefined, notice: noticeOf(q), routing }));
});
