// /dashboard/channels: the channel report under the chosen model against the period before (the same service as
// GET /api/v1/reports/channels), a cost import (the same as PUT …/costs with text/csv) and the site's currency and rates
// (the same as PATCH …/sites/{id} settings).
import { Hono, type Context } from "hono";
import * as v from "valibot";
import { PatchSite } from "../../../../schema/api";
import { ApiError } from "../../../errors";
import { channelReportOf } from "../../../services/channels";
import { importCosts } from "../../../services/costs";
import { patchSite } from "../../../services/sites";
import { issuesOf } from "../../../validate";
import type { AppEnv } from "../../context";
import { attributionChoiceOf } from "../attribution-report";
import { previousRange } from "../channels-view";
import { hrefOf } from "../links";
import { noticeOf } from "../notices";
import { pageContextOf, type PageContext } from "../page-context";
import { ChannelsPage, type ChannelsPageProps } from "../pages/channels";
import { sendPage } from "../render";

export const channelPages = new Hono<AppEnv>();

type Extra = Pick<ChannelsPageProps, "notice" | "error" | "costImport">;

async function renderChannels(c: Context<AppEnv>, ctx: PageContext, extra: Extra = {}, status: 200 | 400 = 200) {
  const q = c.req.query();
  const choice = attributionChoiceOf(q);
  const previous = previousRange(ctx.range);
  const ask = (from: number, to: number) => channelReportOf(ctx.app, { site: ctx.site.id, model: choice.model, group_by: choice.group_by, from, to });
  const report = await ask(ctx.range.fromMs, ctx.range.toMs);
  const before = await ask(previous.fromMs, previous.toMs);
  const page = ChannelsPage({ ctx, choice, report, before, previous, showZero: q.zero === "1", notice: noticeOf(q), ...extra });
  return sendPage(c, page, status);
}

/** Back to the page with the question it was showing. */
const backTo = (c: Context<AppEnv>, ctx: PageContext, notice: Record<string, string | number>) =>
  c.redirect(hrefOf("/dashboard/channels", { ...ctx.keep, group_by: c.req.query("group_by"), model: c.req.query("model"), ...notice }), 303);

channelPages.get("/channels", async (c) => renderChannels(c, await pageContextOf(c)));

/** A pasted CSV or a chosen file (the file wins); a refused import comes back with every problem by line and column. */
channelPages.post("/channels/costs", async (c) => {
  const ctx = await pageContextOf(c);
  const form = await c.req.parseBody();
  const pasted = typeof form.csv === "string" ? form.csv : "";
  const file = form.file instanceof File && form.file.size > 0 ? await form.file.text() : null;
  try {
    const { rows } = await importCosts(ctx.app, ctx.site.id, { csv: file ?? pasted });
    return backTo(c, ctx, { notice: "costs_imported", rows });
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 400) throw err;
    return renderChannels(c, ctx, { costImport: { text: pasted, issues: err.options.issues ?? [{ path: "", message: err.message }] } }, 400);
  }
});

/** "USD 0.92" or "USD=0.92" per line; rates left out are removed (settings.fx is merged key by key). */
function ratesOf(text: string): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const line of text.split(/\r?\n/)) {
    const [code, rate] = line.trim().split(/[\s=:]+/);
    if (code) out[code.toUpperCase()] = rate !== undefined && /^\d+(\.\d+)?$/.test(rate) ? Number(rate) : (rate ?? "");
  }
  return out;
}

channelPages.post("/channels/currency", async (c) => {
  const ctx = await pageContextOf(c);
  const form = await c.req.parseBody();
  const rates = ratesOf(typeof form.rates === "string" ? form.rates : "");
  const removed = Object.fromEntries(Object.keys(ctx.site.settings.fx).filter((code) => !(code in rates)).map((code) => [code, null]));
  const change = v.safeParse(PatchSite, { settings: { currency: typeof form.currency === "string" ? form.currency : "", fx: { ...removed, ...rates } } });
  if (!change.success) {
    const problems = issuesOf(change.issues).map((i) => `${i.path}: ${i.message}`).join("; ");
    return renderChannels(c, ctx, { error: `Not saved — ${problems}` }, 400);
  }
  await patchSite(ctx.app, ctx.site.id, change.output);
  return backTo(c, ctx, { notice: "currency_saved" });
});
