// GET /dashboard/leads: profiles by score, filtered, paged by the same keyset cursor as the API.
import { Hono } from "hono";
import { STAGES } from "../../../../schema/vocabulary";
import { decodeCursor, encodeCursor } from "../../../services/cursor";
import { listProfiles } from "../../../store/profiles";
import { profileView } from "../../../core/profiles/view";
import { noticeOf } from "../notices";
import { pageContextOf } from "../page-context";
import { LeadsPage, type LeadFilters } from "../pages/leads";
import { sendPage } from "../render";
import type { DashEnv } from "../viewer";

export const leads = new Hono<DashEnv>();

const PAGE = 25;
const isScorePos = (x: unknown): x is { score: number; id: string } =>
  typeof (x as { score?: unknown })?.score === "number" && typeof (x as { id?: unknown })?.id === "string";

/** The filters a query asks for; values the store could not use are dropped rather than refused. */
function filtersOf(q: Record<string, string>): LeadFilters {
  const min = q.min_score?.trim();
  return {
    stage: STAGES.find((s) => s === q.stage),
    label: q.label && q.label.length <= 64 ? q.label : undefined,
    min_score: min && Number.isFinite(Number(min)) ? min : undefined,
    email: q.email?.trim() ? q.email.trim().slice(0, 320) : undefined,
  };
}

leads.get("/leads", async (c) => {
  const now = Date.now();
  const ctx = await pageContextOf(c, now);
  const q = c.req.query();
  const filters = filtersOf(q);
  const after = decodeCursor(q.cursor || undefined, isScorePos);
  const { min_score, ...rest } = filters;
  const rows = await listProfiles(c.env.DB, { ...rest, site: ctx.site.id, min_score: min_score === undefined ? undefined : Number(min_score), order: "score", after, limit: PAGE });
  const last = rows[rows.length - 1];
  const next = rows.length === PAGE && last ? encodeCursor({ score: last.score, id: last.id }) : null;
  const config = ctx.site.scoring;
  const labels = [...new Set([config.labels.default, ...config.labels.rules.map((r) => r.label)])];
  // The stored score is as of each profile's last activity; shown decayed to now, so a page is ordered by that.
  const views = rows.map((p) => profileView(p, config, now)).sort((a, b) => b.score - a.score);
  return sendPage(c, LeadsPage({ ctx, filters, labels, rows: views, next, paged: after !== undefined, notice: noticeOf(q) }));
});
