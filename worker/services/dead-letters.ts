// Dead letters as an operator sees them: listed (a read key sees its site's), and replayed onto their queue once the
// cause is fixed. A replayed message goes through the consumer like any other; its events are stored once.
import { siteShardEnv } from "../shards";
import { ApiError } from "../errors";
import { deadLetterById, listDeadLetters, markReplayed, type DeadLetterRow } from "../store/dead-letters";
import { requireAdmin } from "./auth";
import type { Ctx } from "./context";
import { siteFor } from "./sites";

export async function deadLettersOf(ctx: Ctx, q: { site?: string; cursor?: string; limit?: number }) {
  if (q.site === undefined) requireAdmin(ctx.principal);
  else await siteFor(ctx, q.site);
  const limit = q.limit ?? 100;
  const before = q.cursor === undefined ? undefined : Number(q.cursor);
  if (before !== undefined && !Number.isInteger(before)) throw new ApiError(400, "The cursor is not valid.", { issues: [{ path: "cursor", message: "not a cursor from this API" }] });
  const rows = await listDeadLetters(ctx.env.DB, { site: q.site ?? null, before, limit });
  const last = rows[rows.length - 1];
  return { data: rows.map(deadLetterView), next_cursor: rows.length === limit && last ? String(last.id) : null };
}

export function deadLetterView(r: DeadLetterRow) {
  let body: unknown = r.body;
  try {
    body = JSON.parse(r.body);
  } catch {
    // kept as text
  }
  return {
    id: r.id, queue: r.queue, site: r.site, reason: r.reason, error: r.error, body,
    at: new Date(r.at).toISOString(), replayed_at: r.replayed_at === null ? null : new Date(r.replayed_at).toISOString(),
  };
}

/** Sends a dead letter's body to its queue again. */
export async function replayDeadLetter(ctx: Ctx, id: number) {
  requireAdmin(ctx.principal);
  const row = await deadLetterById(ctx.env.DB, id);
  if (!row) throw new ApiError(404, `No dead letter ${id}.`);
  if (!/^pista-events(-[A-Za-z0-9]+)?$/.test(row.queue)) throw new ApiError(409, `Messages of ${row.queue} are replayed from their delivery log, not here.`, { code: "not_replayable" });
  // onto the queue of the site's shard (a letter naming no known site goes to the first shard's, which drops and counts it)
  const queue = (row.site ? await siteShardEnv(ctx.env, row.site, ctx.now) : null)?.EVENTS ?? ctx.env.EVENTS;
  await queue.send(JSON.parse(row.body), { contentType: "json" });
  await markReplayed(ctx.env.DB, row.id, ctx.now);
  return deadLetterView({ ...row, replayed_at: ctx.now });
}
