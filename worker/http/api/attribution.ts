// GET /api/v1/attribution: credits by channel, source or campaign under one model; /compare gives every model.
import { Hono } from "hono";
import { AttributionQuery } from "../../../schema/api";
import { MODELS } from "../../../schema/vocabulary";
import { requireSite } from "../../services/auth";
import { attribute, type Model } from "../../core/attribution";
import type { AppEnv } from "../../env";
import { journeysFor, type GroupBy } from "../../store/attribution";
import { validated } from "../../validate";

export const attribution = new Hono<AppEnv>();

const round = (x: number) => Math.round(x * 1e6) / 1e6;
export const MARKOV_MAX_KEYS = 500;

function reportOf(q: { group_by?: GroupBy; conversion?: string; from?: number; to?: number; half_life_days?: number }, model: Model, journeys: Awaited<ReturnType<typeof journeysFor>>) {
  // Exact Markov over thousands of campaigns does not fit a request: past this many keys the least-used fold into "(other)".
  const result = attribute(journeys, model, { halfLifeDays: q.half_life_days, markovMaxKeys: MARKOV_MAX_KEYS });
  return {
    model,
    group_by: q.group_by ?? "channel",
    conversion: q.conversion ?? "lead",
    from: q.from === undefined ? null : new Date(q.from).toISOString(),
    to: q.to === undefined ? null : new Date(q.to).toISOString(),
    total_conversions: result.total_conversions,
    total_value: round(result.total_value),
    rows: result.rows.map((r) => ({ key: r.key, conversions: round(r.conversions), value: round(r.value) })),
  };
}

async function journeys(db: D1Database, q: ReturnType<typeof parse>, models: readonly Model[]) {
  return journeysFor(db, {
    site: q.site,
    conversion: q.conversion ?? "lead",
    groupBy: q.group_by ?? "channel",
    from: q.from,
    to: q.to,
    withTimes: models.includes("time_decay"),
    withNulls: models.includes("markov"),
  });
}

function parse(query: Record<string, string>) {
  return validated(AttributionQuery, query, "query");
}

attribution.get("/", async (c) => {
  const q = parse(c.req.query());
  requireSite(c.get("principal"), q.site);
  const model = q.model ?? "last_non_direct";
  return c.json(reportOf(q, model, await journeys(c.env.DB, q, [model])));
});

attribution.get("/compare", async (c) => {
  const q = parse(c.req.query());
  requireSite(c.get("principal"), q.site);
  const all = await journeys(c.env.DB, q, MODELS);
  return c.json({ models: MODELS.map((m) => reportOf(q, m, all)) });
});
