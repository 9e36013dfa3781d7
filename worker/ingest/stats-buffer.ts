// Ingest counts (accepted, dropped by reason) are added up in memory and written about once a second, so a burst
// of beacons makes one D1 write instead of one per request. The request that starts a flush carries it in its own
// waitUntil (I/O stays in one request's context); counts still in memory when an isolate is evicted are lost, which
// costs a few stats, never an event.
import { bumpStats, type StatDelta } from "../store/stats";

export const STATS_FLUSH_MS = 1000;
/** A flush loop ends after this many rounds, well inside waitUntil's 30 s; the next request starts another. */
const MAX_ROUNDS = 10;

const pending = new Map<string, StatDelta & { at: number }>();
let flushing = false;

async function flush(db: D1Database): Promise<void> {
  try {
    for (let round = 0; pending.size > 0 && round < MAX_ROUNDS; round++) {
      await new Promise((r) => setTimeout(r, STATS_FLUSH_MS));
      const rows = [...pending.values()];
      pending.clear();
      // Rows of different days (a flush across midnight) are written with their own day.
      for (const [at, group] of Map.groupBy(rows, (r) => new Date(r.at).toISOString().slice(0, 10))) {
        await bumpStats(db, group, Date.parse(at)).catch((err: Error) => console.error("stats not counted", err.message));
      }
    }
  } finally {
    flushing = false;
  }
}

/** Counting never delays or fails the response. */
export function countLater(ctx: { waitUntil(p: Promise<unknown>): void }, db: D1Database, deltas: StatDelta[], now: number): void {
  const day = new Date(now).toISOString().slice(0, 10);
  for (const d of deltas) {
    if (d.n <= 0) continue;
    const key = `${day}\u0000${d.site}\u0000${d.metric}`;
    const row = pending.get(key);
    if (row) row.n += d.n;
    else pending.set(key, { ...d, at: now });
  }
  if (!flushing && pending.size > 0) {
    flushing = true;
    ctx.waitUntil(flush(db));
  }
}
