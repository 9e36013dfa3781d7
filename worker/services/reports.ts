// Reports on what became of the leads: the CRM's verdicts (PATCH disposition, deal, contacted) per first-touch
// channel, source or campaign, so a marketer sees which sources bring junk and which bring revenue.
import type * as v from "valibot";
import type { DispositionReportQuery } from "../../schema/api";
import { dispositionTable, type DispositionRow } from "../core/reports/dispositions";
import { dispositionCounts } from "../store/dispositions";
import type { Ctx } from "./context";
import { siteFor } from "./sites";
import { dbOfSite } from "../shards";

export interface DispositionReport {
  site: string;
  group_by: string;
  from: string | null;
  to: string | null;
  totals: Omit<DispositionRow, "key">;
  rows: DispositionRow[];
}

const isoOrNull = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString());

/** Leads that became leads in [from, to], grouped by their first touch, with the CRM's verdicts on them. */
export async function dispositionReport(ctx: Ctx, q: v.InferOutput<typeof DispositionReportQuery>): Promise<DispositionReport> {
  const site = await siteFor(ctx, q.site);
  const groupBy = q.group_by ?? "channel";
  const { rows, totals } = dispositionTable(await dispositionCounts(dbOfSite(ctx.env, site), { site: site.id, groupBy, from: q.from, to: q.to }));
  return { site: site.id, group_by: groupBy, from: isoOrNull(q.from), to: isoOrNull(q.to), totals, rows };
}
