// /dashboard/settings: snippet, scoring editor (saved like PUT …/scoring), webhooks and their deliveries with replay.
import { Hono, type Context } from "hono";
import { DEFAULT_SCORING } from "../../../core/scoring";
import { saveScoringConfig } from "../../../services/scoring";
import { deliveriesOf, replay, subscriptionsOf } from "../../../services/webhooks/subscriptions";
import { ctxOf, type AppEnv } from "../../context";
import { compactJson } from "../compact-json";
import type { ScoringEditorState } from "../components/scoring-editor";
import { hrefOf } from "../links";
import { noticeOf } from "../notices";
import { pageContextOf, type PageContext } from "../page-context";
import { SettingsPage } from "../pages/settings";
import { sendPage } from "../render";

export const settings = new Hono<AppEnv>();

const DELIVERIES_SHOWN = 10;

async function render(c: Context<AppEnv>, ctx: PageContext, scoring: ScoringEditorState, status: 200 | 400 = 200) {
  const subs = await subscriptionsOf(ctx.app, ctx.site.id);
  const webhooks = await Promise.all(subs.map(async (sub) => ({ sub, deliveries: (await deliveriesOf(ctx.app, sub.id, { limit: DELIVERIES_SHOWN })).data })));
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
  const ctx = await pageContextOf(c);
  return render(c, ctx, savedState(ctx));
});

settings.post("/settings/scoring", async (c) => {
  const ctx = await pageContextOf(c);
  const form = await c.req.parseBody();
  const text = typeof form.config === "string" ? form.config : "";
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (err) {
    return render(c, ctx, { ...savedState(ctx), text, issues: [{ path: "", message: `not valid JSON: ${(err as Error).message}` }] }, 400);
  }
  const saved = await saveScoringConfig(ctx.app, ctx.site.id, input);
  // Invalid: the editor comes back with the text as typed and every problem by its path; nothing was saved.
  if (!saved.ok) return render(c, ctx, { ...savedState(ctx), text, issues: saved.issues }, 400);
  return c.redirect(hrefOf("/dashboard/settings", { site: ctx.site.id, notice: "saved", version: saved.state.version }), 303);
});

settings.post("/webhooks/:id/deliveries/:delivery_id/replay", async (c) => {
  const d = await replay(ctxOf(c), c.req.param("id"), c.req.param("delivery_id"));
  const { sub } = await deliveriesOf(ctxOf(c), d.subscription_id, { limit: 1 });
  return c.redirect(hrefOf("/dashboard/settings", { site: sub.site, notice: "replayed" }), 303);
});
