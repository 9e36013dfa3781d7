// /dashboard/settings/routing: the owners, the routing configuration (saved like PUT …/routing, same validation) and
// the alert deliveries with replay; a test alert per owner. /dashboard/profiles/{id}/owner assigns or clears a lead's
// owner (like PATCH owner). Every change goes through the same services as the API.
import { Hono, type Context } from "hono";
import { ApiError } from "../../../errors";
import { updateProfile } from "../../../services/profiles";
import { alertEndpointsOfSite, routingOfSite, saveRoutingConfig, sendTestAlert } from "../../../services/routing/config";
import { deliveriesOf } from "../../../services/webhooks/subscriptions";
import type { AppEnv } from "../../context";
import { compactJson } from "../compact-json";
import { savedFromEditor } from "../config-form";
import { hrefOf } from "../links";
import { noticeOf } from "../notices";
import { pageContextOf, type PageContext } from "../page-context";
import { RoutingSettingsPage, type RoutingEditorState } from "../pages/settings/routing";
import { sendPage } from "../render";

export const routingPages = new Hono<AppEnv>();

const DELIVERIES_SHOWN = 5;

const field = (form: Record<string, unknown>, key: string) => (typeof form[key] === "string" ? (form[key] as string) : "");

async function renderRouting(c: Context<AppEnv>, ctx: PageContext, o: { editor?: Partial<RoutingEditorState>; notice?: string; error?: string } = {}, status: 200 | 400 = 200) {
  const state = await routingOfSite(ctx.app, ctx.site.id);
  const endpoints = await alertEndpointsOfSite(ctx.app, ctx.site.id);
  const alerts = await Promise.all(endpoints.map(async (sub) => ({ sub, deliveries: (await deliveriesOf(ctx.app, sub.id, { limit: DELIVERIES_SHOWN })).data })));
  const editor = { text: compactJson(state.config), version: state.version, issues: [], ...o.editor };
  return sendPage(c, RoutingSettingsPage({ ctx, editor, owners: state.config.owners, alerts, notice: o.notice, error: o.error }), status);
}

routingPages.get("/settings/routing", async (c) => renderRouting(c, await pageContextOf(c), { notice: noticeOf(c.req.query()) }));

routingPages.post("/settings/routing", async (c) => {
  const ctx = await pageContextOf(c);
  const saved = await savedFromEditor(c, (input) => saveRoutingConfig(ctx.app, ctx.site.id, input));
  if (!saved.ok) return renderRouting(c, ctx, { editor: { text: saved.text, issues: saved.issues } }, 400);
  return c.redirect(hrefOf("/dashboard/settings/routing", { site: ctx.site.id, notice: "routing_saved", version: saved.state.version }), 303);
});

routingPages.post("/settings/routing/test", async (c) => {
  const ctx = await pageContextOf(c);
  try {
    await sendTestAlert(ctx.app, ctx.site.id, field(await c.req.parseBody(), "owner"));
  } catch (err) {
    if (err instanceof ApiError && err.status === 400) return renderRouting(c, ctx, { error: err.message }, 400);
    throw err;
  }
  return c.redirect(hrefOf("/dashboard/settings/routing", { site: ctx.site.id, notice: "test_alert" }), 303);
});

routingPages.post("/profiles/:id/owner", async (c) => {
  const ctx = await pageContextOf(c);
  const owner = field(await c.req.parseBody(), "owner").trim();
  const p = await updateProfile(ctx.app, c.req.param("id"), { owner: owner === "" ? null : owner });
  return c.redirect(hrefOf(`/dashboard/profiles/${encodeURIComponent(p.id)}`, { ...ctx.keep, site: p.site, notice: "owner" }), 303);
});
