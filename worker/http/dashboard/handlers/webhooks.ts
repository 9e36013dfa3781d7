// /dashboard webhooks: add an endpoint (the secret shown once, on the page it redirects to), edit its URL, event types and filters, rotate its
// secret, disable or enable it, delete it after a confirm page, and send it a test event. Every change goes through
// services/webhooks/subscriptions.ts with the API's own schemas, so a form is refused exactly when the API would be.
import { Hono, type Context } from "hono";
import * as v from "valibot";
import { CreateWebhook, PatchWebhook } from "../../../../schema/webhooks";
import { ApiError, type Issue } from "../../../errors";
import {
  createSubscription, deleteSubscription, deliveriesOf, rotateSubscriptionSecret, sendTestEvent, subscriptionFor, subscriptionsOf, updateSubscription, urlIssue,
} from "../../../services/webhooks/subscriptions";
import { issuesOf } from "../../../validate";
import { ctxOf, type AppEnv } from "../../context";
import { hrefOf } from "../links";
import { noticeOf } from "../notices";
import { pageContextOf, type PageContext } from "../page-context";
import { DeleteWebhookPage } from "../pages/settings/webhook-delete";
import { WebhooksSettingsPage, type WebhooksPageProps } from "../pages/settings/webhooks";
import { sendPage } from "../render";
import { flashSecret, takeFlashedSecret } from "../secret-flash";
import { webhookBodyOf, webhookValuesOfForm, type WebhookFormValues } from "../webhook-form";

export const webhookSettings = new Hono<AppEnv>();

const DELIVERIES_SHOWN = 10;

/** The webhooks settings page of the context's site; `extra` carries a new secret or a refused form. */
export async function renderWebhooksPage(c: Context<AppEnv>, ctx: PageContext, extra: Partial<WebhooksPageProps> = {}, status: 200 | 400 | 409 = 200) {
  const subs = await subscriptionsOf(ctx.app, ctx.site.id);
  const webhooks = await Promise.all(subs.map(async (sub) => ({ sub, deliveries: (await deliveriesOf(ctx.app, sub.id, { limit: DELIVERIES_SHOWN })).data })));
  const secret = ctx.principal.admin ? takeFlashedSecret(c, subs.map((s) => s.id)) : undefined;
  return sendPage(c, WebhooksSettingsPage({ ctx, webhooks, notice: noticeOf(c.req.query()), secret, ...extra }), status);
}

/** The form's problems: the schema's, and the URL's (SSRF rules) when the schema had none to say about it. */
function problemsOf<S extends v.GenericSchema>(ctx: PageContext, schema: S, body: Record<string, unknown>): { ok: true; output: v.InferOutput<S> } | { ok: false; issues: Issue[] } {
  const parsed = v.safeParse(schema, body);
  const issues = parsed.success ? [] : issuesOf(parsed.issues);
  const url = typeof body.url === "string" && !issues.some((i) => i.path === "url") ? urlIssue(ctx.app, body.url) : null;
  if (url) issues.unshift(url);
  return parsed.success && issues.length === 0 ? { ok: true, output: parsed.output } : { ok: false, issues };
}

const formValues = async (c: Context<AppEnv>): Promise<WebhookFormValues> => webhookValuesOfForm(await c.req.parseBody({ all: true }));
const backToList = (site: string, notice: string) => hrefOf("/dashboard/settings/webhooks", { site, notice });

webhookSettings.post("/settings/webhooks", async (c) => {
  const ctx = await pageContextOf(c);
  const values = await formValues(c);
  const checked = problemsOf(ctx, CreateWebhook, { site: ctx.site.id, ...webhookBodyOf(values) });
  if (!checked.ok) return renderWebhooksPage(c, ctx, { create: { values, issues: checked.issues } }, 400);
  try {
    const sub = await createSubscription(ctx.app, checked.output);
    flashSecret(c, { id: sub.id, url: sub.url, secret: sub.secret });
    return c.redirect(backToList(sub.site, "webhook_created"), 303);
  } catch (err) {
    if (!(err instanceof ApiError) || (err.status !== 400 && err.status !== 409)) throw err;
    return renderWebhooksPage(c, ctx, { create: { values, issues: err.options.issues ?? [{ path: "", message: err.message }] } }, err.status);
  }
});

/** The endpoint named in the path, and the page context of its site. */
async function endpointOf(c: Context<AppEnv>) {
  const sub = await subscriptionFor(ctxOf(c), c.req.param("id") ?? "");
  return { sub, ctx: await pageContextOf(c, sub.site) };
}

webhookSettings.post("/webhooks/:id", async (c) => {
  const { sub, ctx } = await endpointOf(c);
  const values = await formValues(c);
  const checked = problemsOf(ctx, PatchWebhook, webhookBodyOf(values));
  if (!checked.ok) return renderWebhooksPage(c, ctx, { edit: { id: sub.id, values, issues: checked.issues } }, 400);
  await updateSubscription(ctx.app, sub.id, checked.output);
  return c.redirect(backToList(sub.site, "webhook_saved"), 303);
});

webhookSettings.post("/webhooks/:id/rotate", async (c) => {
  const { sub, ctx } = await endpointOf(c);
  const rotated = await rotateSubscriptionSecret(ctx.app, sub.id);
  flashSecret(c, { id: sub.id, url: sub.url, secret: rotated.secret, previous_expires_at: rotated.previous_secret_expires_at });
  return c.redirect(backToList(sub.site, "secret_rotated"), 303);
});

webhookSettings.post("/webhooks/:id/status", async (c) => {
  const { sub, ctx } = await endpointOf(c);
  const asked = (await c.req.parseBody()).status;
  if (asked !== "active" && asked !== "disabled") throw new ApiError(400, "Choose active or disabled.", { issues: [{ path: "status", message: "active or disabled" }] });
  await updateSubscription(ctx.app, sub.id, { status: asked });
  return c.redirect(backToList(sub.site, asked === "active" ? "webhook_enabled" : "webhook_disabled"), 303);
});

webhookSettings.post("/webhooks/:id/test", async (c) => {
  const { sub, ctx } = await endpointOf(c);
  await sendTestEvent(ctx.app, sub.id);
  return c.redirect(backToList(sub.site, "test_sent"), 303);
});

webhookSettings.get("/webhooks/:id/delete", async (c) => {
  const { sub, ctx } = await endpointOf(c);
  if (!ctx.principal.admin) throw new ApiError(403, "Deleting an endpoint needs the admin token.");
  return sendPage(c, DeleteWebhookPage({ ctx, sub }));
});

webhookSettings.post("/webhooks/:id/delete", async (c) => {
  const { sub, ctx } = await endpointOf(c);
  if ((await c.req.parseBody()).confirm !== "DELETE") throw new ApiError(400, "Type DELETE to confirm.", { issues: [{ path: "confirm", message: "type DELETE" }] });
  await deleteSubscription(ctx.app, sub.id);
  return c.redirect(backToList(sub.site, "webhook_deleted"), 303);
});
