// Ad costs as people manage them (CONTRACT §11): import a CSV or JSON file of daily costs (all rows or none), list them.
// The JSON API and the dashboard's Channels page both call these.
import type { CostEntry } from "../core/money/cost-import";
import { costsFromCsv, costsFromJson } from "../core/money/cost-import";
import type { ReportingCurrency } from "../core/money/fx";
import { utcDay } from "../core/time";
import { ApiError } from "../errors";
import { listCosts, upsertCosts } from "../store/costs";
import type { Site } from "../store/sites";
import { requireAdmin } from "./auth";
import type { Ctx } from "./context";
import { siteFor } from "./sites";
import { dbOfSite } from "../shards";

/** The currency a site reports in and its rates (settings.currency, settings.fx). */
export const reportingCurrencyOf = (site: Site): ReportingCurrency => ({ currency: site.settings.currency, fx: site.settings.fx });

export type CostUpload = { csv: string } | { json: unknown };

/** Stores every row or, when any row is wrong, none: a 400 names each problem by line (CSV) or index (JSON) and column. */
export async function importCosts(ctx: Ctx, siteId: string, upload: CostUpload): Promise<{ rows: number }> {
  requireAdmin(ctx.principal);
  const site = await siteFor(ctx, siteId);
  const money = reportingCurrencyOf(site);
  const read = "csv" in upload ? costsFromCsv(upload.csv, money) : costsFromJson(upload.json, money);
  if (!read.ok) throw new ApiError(400, "The costs were not imported: nothing was stored. Fix the rows named in issues and send the file again.", { code: "invalid_costs", issues: read.issues });
  await upsertCosts(dbOfSite(ctx.env, site), site.id, read.rows, ctx.now);
  return { rows: read.rows.length };
}

export interface CostListing {
  site: string;
  currency: string;
  from: string | null;
  to: string | null;
  data: { date: string; source: string; medium: string | null; campaign: string | null; amount: number; currency: string }[];
  /** more rows than one listing returns: ask for a shorter range */
  truncated: boolean;
}

const view = (c: CostEntry): CostListing["data"][number] => ({ date: c.day, source: c.source, medium: c.medium || null, campaign: c.campaign || null, amount: c.amount, currency: c.currency });

/** The site's costs of the UTC days from `from` to `to` (epoch ms; absent: open), oldest first. */
export async function costsOf(ctx: Ctx, siteId: string, range: { from?: number; to?: number }): Promise<CostListing> {
  const site = await siteFor(ctx, siteId);
  const days = { from: range.from === undefined ? undefined : utcDay(range.from), to: range.to === undefined ? undefined : utcDay(range.to) };
  const { rows, truncated } = await listCosts(dbOfSite(ctx.env, site), site.id, days);
  return { site: site.id, currency: site.settings.currency, from: days.from ?? null, to: days.to ?? null, data: rows.map(view), truncated };
}
