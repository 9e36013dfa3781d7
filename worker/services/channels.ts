// The channel report with money (CONTRACT §11): conversions and revenue credited by the chosen model, traffic, costs and
// ratios per channel, source or campaign. The JSON API and the dashboard's Channels page both call this.
import type * as v from "valibot";
import type { ChannelReportQuery } from "../../schema/api";
import { DEFAULT_MODEL } from "../../schema/vocabulary";
import { moneyCredits } from "../core/money/credits";
import { channelReport, type ChannelReport } from "../core/money/report";
import { dbOfSite } from "../shards";
import { moneyDataFor } from "../store/money";
import { MARKOV_MAX_KEYS } from "./attribution";
import type { Ctx } from "./context";
import { reportingCurrencyOf } from "./costs";
import { siteFor } from "./sites";

export type ChannelReportRequest = v.InferOutput<typeof ChannelReportQuery>;

export interface ChannelReportView extends ChannelReport {
  from: string | null;
  to: string | null;
}

export async function channelReportOf(ctx: Ctx, q: ChannelReportRequest): Promise<ChannelReportView> {
  const site = await siteFor(ctx, q.site);
  const model = q.model ?? DEFAULT_MODEL;
  const groupBy = q.group_by ?? "channel";
  const money = reportingCurrencyOf(site);
  const data = await moneyDataFor(dbOfSite(ctx.env, site), { site: site.id, groupBy, from: q.from, to: q.to, model, halfLifeDays: q.half_life_days });
  const { credited, missingRates } = moneyCredits({ model, money, options: { halfLifeDays: q.half_life_days, markovMaxKeys: MARKOV_MAX_KEYS }, ...data });
  const report = channelReport({ model, groupBy, money, credited, missingRates, traffic: data.traffic, delays: data.delays, costs: data.costs });
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());
  const { rows, totals, missing_rates, ...head } = report;
  return { ...head, from: iso(q.from), to: iso(q.to), rows, totals, missing_rates };
}
