// /dashboard/settings/destinations: the Google Ads file (its URL, a new read key for the scheduled upload, what it holds
// now) and the Meta destination (saved like PUT …/destinations/meta, same validation; deleted; its deliveries). Every
// change goes through the same services as the API.
import { Hono, type Context } from "hono";
import * as v from "valibot";
import { AD_STAGES, GoogleAdsQuery, type AdStage } from "../../../../schema/destinations";
import { DEFAULT_CONVERSION_NAMES } from "../../../core/ads/google-ads";
import { deleteMetaDestination, metaDestinationOf, saveMetaDestination } from "../../../services/destinations/meta";
import { googleAdsFile } from "../../../services/destinations/google-ads";
import { rotateKey } from "../../../services/sites";
import { deliveriesOf } from "../../../services/webhooks/subscriptions";
import type { ConfigIssue } from "../../../../schema/scoring";
import type { AppEnv } from "../../context";
import { hrefOf } from "../links";
import { noticeOf } from "../notices";
import { pageContextOf, type PageContext } from "../page-context";
import { DestinationsSettingsPage, type MetaForm } from "../pages/settings/destinations";
import { sendPage } from "../render";

export const destinationPages = new Hono<AppEnv>();

const DELIVERIES_SHOWN = 10;

const field = (form: Record<string, unknown>, key: string) => (typeof form[key] === "string" ? (form[key] as string).trim() : "");

/** The Google Ads query this page's form asks for (stages ticked, names that differ from the defaults). */
function googleQueryOf(c: Context<AppEnv>, site: string): GoogleAdsQuery {
  const ticked = c.req.queries("stages") ?? [];
  const raw: Record<string, string> = { site };
  if (ticked.length) raw.stages = ticked.join(",");
  for (const stage of AD_STAGES) {
    const name = c.req.query(`name_${stage}`)?.trim();
    if (name && name !== DEFAULT_CONVERSION_NAMES[stage]) raw[`name_${stage}`] = name;
  }
  const parsed = v.safeParse(GoogleAdsQuery, raw);
  return parsed.success ? parsed.output : { site };
}

/** The file's URL with every stage named (so the URL alone says what Google Ads imports) and the names that differ. */
function fileUrl(origin: string, q: GoogleAdsQuery, stages: readonly AdStage[]): string {
  const { site, stages: _asked, ...names } = q;
  const params = new URLSearchParams({ site, stages: stages.join(",") });
  for (const [k, value] of Object.entries(names)) if (typeof value === "string") params.set(k, value);
  return `${origin}/api/v1/exports/google-ads.csv?${params.toString().replaceAll("%2C", ",")}`;
}

const savedForm = (d: Awaited<ReturnType<typeof metaDestinationOf>>): MetaForm => ({
  pixel_id: d?.config.pixel_id ?? "",
  test_event_code: d?.config.test_event_code ?? "",
  stages: d?.config.stages ?? {},
});

interface RenderOptions {
  form?: MetaForm;
  issues?: ConfigIssue[];
  newReadKey?: string;
  notice?: string;
}

async function renderDestinations(c: Context<AppEnv>, ctx: PageContext, o: RenderOptions = {}, status: 200 | 400 = 200) {
  const q = googleQueryOf(c, ctx.site.id);
  const file = await googleAdsFile(ctx.app, q);
  const saved = await metaDestinationOf(ctx.app, ctx.site.id);
  const log = saved ? await deliveriesOf(ctx.app, saved.id, { limit: DELIVERIES_SHOWN }) : null;
  const page = DestinationsSettingsPage({
    ctx,
    google: { url: fileUrl(new URL(c.req.url).origin, q, file.stages), stages: file.stages, names: file.names, conversions: file.conversions, newReadKey: o.newReadKey },
    meta: {
      saved,
      form: o.form ?? savedForm(saved),
      issues: o.issues ?? [],
      log: log && { sub: log.sub, deliveries: log.data },
    },
    notice: o.notice ?? noticeOf(c.req.query()),
  });
  return sendPage(c, page, status);
}

destinationPages.get("/settings/destinations", async (c) => renderDestinations(c, await pageContextOf(c)));

destinationPages.post("/settings/destinations/meta", async (c) => {
  const ctx = await pageContextOf(c);
  const form = await c.req.parseBody();
  const stages: Partial<Record<AdStage, string>> = {};
  for (const stage of AD_STAGES) if (field(form, `stage_${stage}`)) stages[stage] = field(form, `stage_${stage}`);
  const typed: MetaForm = { pixel_id: field(form, "pixel_id"), test_event_code: field(form, "test_event_code"), stages };
  const token = field(form, "access_token");
  const input = { pixel_id: typed.pixel_id, stages, test_event_code: typed.test_event_code || null, ...(token ? { access_token: token } : {}) };
  // An empty token field keeps the saved token (a token is never shown, so it cannot be filled in again).
  const saved = await saveMetaDestination(ctx.app, ctx.site.id, input, { keepToken: true });
  if (!saved.ok) return renderDestinations(c, ctx, { form: typed, issues: saved.issues }, 400);
  return c.redirect(hrefOf("/dashboard/settings/destinations", { site: ctx.site.id, notice: "meta_saved" }), 303);
});

destinationPages.post("/settings/destinations/meta/delete", async (c) => {
  const ctx = await pageContextOf(c);
  await deleteMetaDestination(ctx.app, ctx.site.id);
  return c.redirect(hrefOf("/dashboard/settings/destinations", { site: ctx.site.id, notice: "meta_deleted" }), 303);
});

destinationPages.post("/settings/destinations/google-ads/key", async (c) => {
  const ctx = await pageContextOf(c);
  const key = await rotateKey(ctx.app, ctx.site.id, "read");
  return renderDestinations(c, ctx, { newReadKey: key, notice: "A new read key was made: paste it as the upload's password. The old read key no longer works." });
});
