// /dashboard/settings: a site's install status, details, keys and deletion; its scoring configuration (saved like
// PUT …/scoring); its webhooks with their deliveries and replay (adding and changing them: handlers/webhooks.ts).
// /dashboard/sites/new adds a site. Every change goes through the same services as the API, with the same validation.
import { Hono, type Context } from "hono";
import * as v from "valibot";
import { CreateSite, PatchSite } from "../../../../schema/api";
import { KEY_KINDS } from "../../../../schema/vocabulary";
import { DEFAULT_SCORING } from "../../../core/scoring";
import { isDevelopment } from "../../../env";
import { ApiError } from "../../../errors";
import { saveScoringConfig } from "../../../services/scoring";
import { createSite, deleteSite, patchSite, rotateKey, sitesFor } from "../../../services/sites";
import { statsOf } from "../../../services/stats";
import { deliveriesOf, replay } from "../../../services/webhooks/subscriptions";
import { issuesOf } from "../../../validate";
import { ctxOf, type AppEnv } from "../../context";
import { compactJson } from "../compact-json";
import { savedFromEditor } from "../config-form";
import type { ScoringEditorState } from "../components/scoring-editor";
import { hrefOf } from "../links";
import { noticeOf } from "../notices";
import { pageContextOf, type PageContext } from "../page-context";
import { NewSitePage } from "../pages/new-site";
import { ScoringSettingsPage } from "../pages/settings/scoring";
import { DeleteSitePage, SiteSettingsPage, type SitePageProps } from "../pages/settings/site";
import { sendPage } from "../render";
import { renderWebhooksPage } from "./webhooks";

export const settings = new Hono<AppEnv>();

/** Refused origins shown on the install panel: the last week's. */
const REFUSED_WINDOW_DAYS = 7;

const text = (form: Record<string, unknown>, key: string) => (typeof form[key] === "string" ? (form[key] as string) : "");
const lines = (s: string) => s.split(/[\s,]+/).map((x) => x.trim()).filter(Boolean);

async function renderSite(c: Context<AppEnv>, ctx: PageContext, extra: Partial<SitePageProps> = {}, status: 200 | 400 = 200) {
  const from = new Date(ctx.app.now - REFUSED_WINDOW_DAYS * 86_400_000).toISOString().slice(0, 10);
  const stats = await statsOf(ctx.app, { site: ctx.site.id, from });
  const page = SiteSettingsPage({ ctx, origin: new URL(c.req.url).origin, stats, development: isDevelopment(c.env), notice: noticeOf(c.req.query()), ...extra });
  return sendPage(c, page, status);
}

settings.get("/settings", async (c) => renderSite(c, await pageContextOf(c)));

settings.post("/settings/site", async (c) => {
  const ctx = await pageContextOf(c);
  const form = await c.req.parseBody();
  const retention = text(form, "retention_days");
  const change = v.safeParse(PatchSite, {
    name: text(form, "name"),
    domains: lines(text(form, "domains")),
    settings: { retention_days: retention ? Number(retention) : null, allow_opaque_origins: form.allow_opaque_origins === "true" },
  });
  if (!change.success) {
    const problems = issuesOf(change.issues).map((i) => `${i.path}: ${i.message}`).join("; ");
    return renderSite(c, ctx, { error: `Not saved — ${problems}` }, 400);
  }
  await patchSite(ctx.app, ctx.site.id, change.output);
  return c.redirect(hrefOf("/dashboard/settings", { site: ctx.site.id, notice: "site_saved" }), 303);
});

/** "Add this origin": one host added to the domains, from the refused-origin warning. */
settings.post("/settings/domains", async (c) => {
  const ctx = await pageContextOf(c);
  const host = text(await c.req.parseBody(), "add").trim().toLowerCase();
  const change = v.safeParse(PatchSite, { domains: [...new Set([...ctx.site.domains, host])] });
  if (!change.success) throw new ApiError(400, `${host} is not a host name that can be added.`);
  await patchSite(ctx.app, ctx.site.id, change.output);
  return c.redirect(hrefOf("/dashboard/settings", { site: ctx.site.id, notice: "domain_added" }), 303);
});

settings.post("/settings/keys", async (c) => {
  const ctx = await pageContextOf(c);
  const asked = text(await c.req.parseBody(), "key");
  const kind = KEY_KINDS.find((k) => k === asked);
  if (!kind) throw new ApiError(400, `Choose a key: ${KEY_KINDS.join(", ")}.`);
  const value = await rotateKey(ctx.app, ctx.site.id, kind);
  return renderSite(c, ctx, { newKeys: { [kind]: value }, notice: "The old key no longer works." });
});

settings.get("/settings/delete", async (c) => sendPage(c, DeleteSitePage({ ctx: await pageContextOf(c) })));

settings.post("/settings/delete", async (c) => {
  const ctx = await pageContextOf(c);
  if (text(await c.req.parseBody(), "confirm") !== ctx.site.id) throw new ApiError(400, `Type the site id, ${ctx.site.id}, to confirm.`);
  await deleteSite(ctx.app, ctx.site.id);
  const rest = await sitesFor(ctx.app);
  return c.redirect(rest.length ? hrefOf("/dashboard/settings", { site: rest[0]!.id, notice: "site_deleted" }) : "/dashboard/sites/new", 303);
});

settings.get("/sites/new", async (c) => {
  const app = ctxOf(c);
  if (!app.principal.admin) throw new ApiError(403, "Adding a site needs the admin token.");
  return sendPage(c, NewSitePage({ nonce: c.get("nonce"), hasSites: (await sitesFor(app)).length > 0 }));
});

settings.post("/sites/new", async (c) => {
  const app = ctxOf(c);
  const form = await c.req.parseBody();
  const values = { name: text(form, "name"), id: text(form, "id").trim(), domains: text(form, "domains") };
  const body = v.safeParse(CreateSite, { name: values.name, domains: lines(values.domains), ...(values.id ? { id: values.id } : {}) });
  const hasSites = (await sitesFor(app)).length > 0;
  if (!body.success) return sendPage(c, NewSitePage({ nonce: c.get("nonce"), issues: issuesOf(body.issues), values, hasSites }), 400);
  try {
    const { site, keys } = await createSite(app, body.output);
    const ctx = await pageContextOf(c, site.id);
    return renderSite(c, ctx, { newKeys: { write: keys.write_key, read: keys.read_key, identity: keys.identity_secret }, notice: `Site ${site.id} created. Paste the tag below into your pages.` });
  } catch (err) {
    if (err instanceof ApiError && err.status === 409) return sendPage(c, NewSitePage({ nonce: c.get("nonce"), error: err.message, values, hasSites }), 409);
    throw err;
  }
});

const savedState = (ctx: PageContext): ScoringEditorState => ({
  text: compactJson(ctx.site.scoring),
  version: ctx.site.scoring_version,
  isDefault: ctx.site.scoring === DEFAULT_SCORING,
  issues: [],
});

settings.get("/settings/scoring", async (c) => {
  const ctx = await pageContextOf(c);
  return sendPage(c, ScoringSettingsPage({ ctx, scoring: savedState(ctx), notice: noticeOf(c.req.query()) }));
});

settings.post("/settings/scoring", async (c) => {
  const ctx = await pageContextOf(c);
  const saved = await savedFromEditor(c, (input) => saveScoringConfig(ctx.app, ctx.site.id, input));
  // Invalid: the editor comes back with the text as typed and every problem by its path; nothing was saved.
  if (!saved.ok) return sendPage(c, ScoringSettingsPage({ ctx, scoring: { ...savedState(ctx), text: saved.text, issues: saved.issues } }), 400);
  return c.redirect(hrefOf("/dashboard/settings/scoring", { site: ctx.site.id, notice: "saved", version: saved.state.version }), 303);
});

settings.get("/settings/webhooks", async (c) => renderWebhooksPage(c, await pageContextOf(c)));

settings.post("/webhooks/:id/deliveries/:delivery_id/replay", async (c) => {
  const app = ctxOf(c);
  const d = await replay(app, c.req.param("id"), c.req.param("delivery_id"));
  const { sub } = await deliveriesOf(app, d.subscription_id, { limit: 1 });
  // An owner's alert is replayed from the routing page, a Meta event from the destinations page; each goes back there.
  const page = sub.kind === "webhook" ? "/dashboard/settings/webhooks" : sub.kind === "meta" ? "/dashboard/settings/destinations" : "/dashboard/settings/routing";
  return c.redirect(hrefOf(page, { site: sub.site, notice: "replayed" }), 303);
});
