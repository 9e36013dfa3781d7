// Attribution reports: journeys read once, credited by one or every model. The JSON API and the dashboard both call
// this, so a page and the API print the same credits for the same question.
import type * as v from "valibot";
import type { AttributionQuery } from "../../schema/api";
import { DEFAULT_MODEL, type Model } from "../../schema/vocabulary";
import { attribute, type Journey } from "../core/attribution";
import { journeysFor } from "../store/attribution";
import type { Ctx } from "./context";
import { siteFor } from "./sites";

export type AttributionRequest = Omit<v.InferOutput<typeof AttributionQuery>, "model">;

/** Exact Markov over thousands of campaigns does not fit a request: past this many keys the least-used fold into "(other)". */
export const MARKOV_MAX_KEYS = 500;

const round = (x: number) => Math.round(x * 1e6) / 1e6;

export interface AttributionReport {
  model: Model;
  group_by: string;
  conversion: string;
  from: string | null;
  to: string | null;
  total_conversions: number;
  total_value: number;
  rows: { key: string; conversions: number; value: number }[];
}

/** One model's credits as the API and the dashboard print them: rounded to six decimals, with the question asked. */
export function reportOf(journeys: Journey[], model: Model, q: Omit<AttributionRequest, "site">): AttributionReport {
  const result = attribute(journeys, model, { halfLifeDays: q.half_life_days, markovMaxKeys: MARKOV_MAX_KEYS });
  const converting = new Set(journeys.filter((j) => j.conversions > 0).flatMap((j) => j.touches.map((t) => t.key)));
  return {
    model,
    group_by: q.group_by ?? "channel",
    conversion: q.conversion ?? "lead",
    from: q.from === undefined ? null : new Date(q.from).toISOString(),
    to: q.to === undefined ? null : new Date(q.to).toISOString(),
    total_conversions: result.total_conversions,
    total_value: round(result.total_value),
    // Every key on a converting path gets a row; keys only non-converting journeys reach (read when Markov is among
    // the models asked for) are left out unless credited, so the answer does not depend on what else was asked.
    rows: result.rows
      .filter((r) => r.conversions !== 0 || r.value !== 0 || converting.has(r.key))
      .map((r) => ({ key: r.key, conversions: round(r.conversions), value: round(r.value) })),
  };
}

/** One report per model asked for, from one read of the site's journeys. */
export async function attributionReports(ctx: Ctx, q: AttributionRequest, models: readonly Model[]): Promise<AttributionReport[]> {
  const site = await siteFor(ctx, q.site);
  const groupBy = q.group_by ?? "channel";
  const conversion = q.conversion ?? "lead";
  const journeys = await journeysFor(ctx.env.DB, {
    site: site.id, conversion, groupBy, from: q.from, to: q.to,
    withTimes: models.includes("time_decay"),
    withNulls: models.includes("markov"),
  });
  return models.map((model) => reportOf(journeys, model, { ...q, group_by: groupBy, conversion }));
}

export async function attributionReport(ctx: Ctx, q: AttributionRequest & { model?: Model }): Promise<AttributionReport> {
  return (await attributionReports(ctx, q, [q.model ?? DEFAULT_MODEL]))[0]!;
}
