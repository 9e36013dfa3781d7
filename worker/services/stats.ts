// Ingest counters of a site: accepted, stored after the queue, dropped by reason.
import type * as v from "valibot";
import type { StatsQuery } from "../../schema/api";
import { siteStats } from "../store/stats";
import type { Ctx } from "./context";
import { siteFor } from "./sites";

export async function statsOf(ctx: Ctx, q: v.InferOutput<typeof StatsQuery>) {
  const site = await siteFor(ctx, q.site);
  return { site: site.id, ...(await siteStats(ctx.env.DB, site.id, { from: q.from ?? "0000-01-01", to: q.to ?? "9999-12-31" })) };
}
