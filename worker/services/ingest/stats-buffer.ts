// Ingest counts (accepted, dropped by reason) are added up in memory and written about once a second, so a burst
// of beacons makes one D1 write instead of one per request. The request that starts a flush carries it in its own
// waitUntil (I/O stays in one request's context); counts still in memory when an isolate is evicted are lost, which
// costs a few stats, never an event.
import { utcDay } from "../../core/time";
import { bumpStats, type StatRow } from "../../store/stats";

export const STATS_FLUSH_MS = 1000;
/** A flush loop ends after this many rounds, well inside waitUntil's 30 s; the next request starts another. */
const MAX_ROUNDS = 10;

export interface StatDelta {
  site: string;
  metric: string;
  n: number;
}

/** Distinct counters held between flushes; past this, new counters wait for the next flush (a flood of made-up origins cannot grow memory). */
const MAX_PENDING = 5_000;
const pending = new Map<string, StatRow>();
let flushing = false;

async function flush(db: D1Database): Promise<void> {
  try {
    for (let round = 0; pending.size > 0 && round < MAX_ROUNDS; round++) {
      await new Promise((r) => setTimeout(r, STATS_FLUSH_MS));
      const rows = [...pending.values()];
      pending.clear();
      await bumpStats(db, rows).catch((err: Error) => console.error("stats not counted", err.message));
    }
  } finally {
    flushing = false;
  }
}

/** Counting never delays or fails the response. */
export function countLater(ctx: { waitUntil(p: Promise<unknown>): void }, db: D1Database, deltas: StatDelta[], now: number): void {
  const day = utcDay(now);
  for (const d of deltas) {
    if (d.n <= 0) continue;
    const key = `${day}\u0000${d.site}\u0000${d.metric}`;
    const row = pending.get(key);
    if (row) row.n += d.n;
    else if (pending.size < MAX_PENDING) pending.set(key, { site: d.site, day, metric: d.metric, n: d.n });
  }
  if (!flushing && pending.size > 0) {
    flushing = true;
    ctx.waitUntil(flush(db));
  }
}
