// Ingest counters of a site: accepted, stored after the queue, dropped by reason.
import type * as v from "valibot";
import type { StatsQuery } from "../../schema/api";
import { siteStats } from "../store/stats";
import type { Ctx } from "./context";
import { requireAdmin } from "./auth";
import { siteFor } from "./sites";
import { dbOfSite, shardDb, shardNames } from "../shards";

/** A site's counters; without a site, the admin sees what was refused before any site was known (unknown_site). */
export async function statsOf(ctx: Ctx, q: v.InferOutput<typeof StatsQuery>) {
  const range = { from: q.from ?? "0000-01-01", to: q.to ?? "9999-12-31" };
  if (q.site === undefined) {
    requireAdmin(ctx.principal);
    return { site: null, ...(await siteStats(shardNames(ctx.env).map((s) => shardDb(ctx.env, s)), "", range)) };
  }
  const site = await siteFor(ctx, q.site);
  // Ingest counts where the request was answered (the control database); the consumer, in the site's shard.
  return { site: site.id, ...(await siteStats([...new Set([ctx.env.DB, dbOfSite(ctx.env, site)])], site.id, range)) };
}
