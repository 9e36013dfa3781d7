// /dashboard/settings: snippet, scoring editor (saved like PUT …/scoring), webhooks and their deliveries with replay.
import { Hono, type Context } from "hono";
import { requireAdmin } from "../../../services/auth";
import { DEFAULT_SCORING } from "../../../core/scoring";
import { deliveryLog } from "../../../store/outbox";
import { subscriptionsOfSite } from "../../../store/webhooks";
import { replay, saveScoringConfig } from "../../../services/actions";
import { ApiError } from "../../../errors";
import { subscriptionById } from "../../../store/webhooks";
import { compactJson } from "../compact-json";
import type { ScoringEditorState } from "../components/scoring-editor";
import { hrefOf } from "../links";
import { noticeOf } from "../notices";
import { pageContextOf, type PageContext } from "../page-context";
import { SettingsPage } from "../pages/settings";
import { sendPage } from "../render";
import type { DashEnv } from "../viewer";

export const settings = new Hono<DashEnv>();

const DELIVERIES_SHOWN = 10;

async function render(c: Context<DashEnv>, ctx: PageContext, scoring: ScoringEditorState, status: 200 | 400 = 200) {
  const subs = await subscriptionsOfSite(c.env.DB, ctx.site.id);
  const webhooks = await Promise.all(subs.map(async (sub) => ({ sub, deliveries: await deliveryLog(c.env.DB, { subscription: sub.id, limit: DELIVERIES_SHOWN }) })));
  const page = SettingsPage({ ctx, origin: new URL(c.req.url).origin, scoring, webhooks, notice: noticeOf(c.req.query()) });
  return sendPage(c, page, status);
}

const savedState = (ctx: PageContext): ScoringEditorState => ({
  text: compactJson(ctx.site.scoring),
  version: ctx.site.scoring_version,
  isDefault: ctx.site.scoring === DEFAULT_SCORING,
  issues: [],
});

settings.get("/settings", async (c) => {
  const ctx = await pageContextOf(c, Date.now());
  return render(c, ctx, savedState(ctx));
});

settings.post("/settings/scoring", async (c) => {
  requireAdmin(c.get("principal"));
  const ctx = await pageContextOf(c, Date.now());
  const form = await c.req.parseBody();
  const text = typeof form.config === "string" ? form.config : "";
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (err) {
    return render(c, ctx, { ...savedState(ctx), text, issues: [{ path: "", message: `not valid JSON: ${(err as Error).message}` }] }, 400);
  }
  const saved = await saveScoringConfig(c.env, ctx.site.id, input);
  // Invalid: the editor comes back with the text as typed and every problem by its path; nothing was saved.
  if (!saved.ok) return render(c, ctx, { ...savedState(ctx), text, issues: saved.issues }, 400);
  return c.redirect(hrefOf("/dashboard/settings", { site: ctx.site.id, notice: "saved", version: saved.version }), 303);
});

settings.post("/webhooks/:id/deliveries/:delivery_id/replay", async (c) => {
  requireAdmin(c.get("principal"));
  const sub = await subscriptionById(c.env.DB, c.req.param("id"));
  if (!sub) throw new ApiError(404, `No webhook ${c.req.param("id")}.`);
  await replay(c.env, sub, c.req.param("delivery_id"), Date.now());
  return c.redirect(hrefOf("/dashboard/settings", { site: sub.site, notice: "replayed" }), 303);
});
