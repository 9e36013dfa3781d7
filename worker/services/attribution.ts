// Attribution reports: journeys read once, credited by one or every model. The JSON API and the dashboard both call
// this, so a page and the API print the same credits for the same question.
import type * as v from "valibot";
import type { AttributionQuery } from "../../schema/api";
import { DEFAULT_MODEL, type Model } from "../../schema/vocabulary";
import { attribute, DEFAULT_HALF_LIFE_DAYS, inReportOrder, markovStepCredits, settled, type AttributionResult, type Journey } from "../core/attribution";
import { journeysFor, type JourneyData } from "../store/journeys";
import type { Ctx } from "./context";
import { siteFor } from "./sites";
import { dbOfSite } from "../shards";

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

/** One model's credits over journeys as the API and the dashboard print them. */
export function reportOf(journeys: Journey[], model: Model, q: Omit<AttributionRequest, "site">): AttributionReport {
  const result = attribute(journeys, model, { halfLifeDays: q.half_life_days, markovMaxKeys: MARKOV_MAX_KEYS });
  return presented(result, new Set(journeys.filter((j) => j.conversions > 0).flatMap((j) => j.touches.map((t) => t.key))), q);
}

/** Rounded to six decimals, with the question asked. */
function presented(result: AttributionResult, converting: ReadonlySet<string>, q: Omit<AttributionRequest, "site">): AttributionReport {
  return {
    model: result.model,
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

/**
 * One model's report from what the site keeps per day (store/journeys.ts): credits of the models that credit journey by
 * journey, Markov from transitions, and time decay at another half-life than the kept one from each journey's times.
 */
function reportFromKept(data: JourneyData, model: Model, q: Omit<AttributionRequest, "site">): AttributionReport {
  const totals = { conversions: 0, value: 0 };
  const converting = new Set<string>();
  for (const c of data.credits) {
    totals.conversions += c.credits.first_touch.conversions;
    totals.value += c.credits.first_touch.value;
    if (settled(c.credits.linear.conversions) > 0) converting.add(c.key);
  }
  totals.conversions = Math.round(totals.conversions);
  if (model === "time_decay" && data.timed) return reportOf(data.timed, model, q);
  if (model === "markov") {
    const traffic = new Map(data.credits.map((c) => [c.key, c.traffic]));
    return presented(markovStepCredits(data.steps ?? [], traffic, totals, { markovMaxKeys: MARKOV_MAX_KEYS }), converting, q);
  }
  const rows = data.credits.map((c) => ({ key: c.key, conversions: settled(c.credits[model].conversions), value: settled(c.credits[model].value) }));
  return presented({ model, total_conversions: totals.conversions, total_value: totals.value, rows: inReportOrder(rows) }, converting, q);
}

/** One report per model asked for, from one read of what the site keeps per day. */
export async function attributionReports(ctx: Ctx, q: AttributionRequest, models: readonly Model[]): Promise<AttributionReport[]> {
  const site = await siteFor(ctx, q.site);
  const groupBy = q.group_by ?? "channel";
  const conversion = q.conversion ?? "lead";
  const otherHalfLife = q.half_life_days !== undefined && q.half_life_days !== DEFAULT_HALF_LIFE_DAYS;
  const data = await journeysFor(dbOfSite(ctx.env, site), {
    site: site.id, conversion, groupBy, from: q.from, to: q.to,
    withSteps: models.includes("markov"),
    withTimes: models.includes("time_decay") && otherHalfLife,
  });
  return models.map((model) => reportFromKept(data, model, { ...q, group_by: groupBy, conversion }));
}

export async function attributionReport(ctx: Ctx, q: AttributionRequest & { model?: Model }): Promise<AttributionReport> {
  return (await attributionReports(ctx, q, [q.model ?? DEFAULT_MODEL]))[0]!;
}
