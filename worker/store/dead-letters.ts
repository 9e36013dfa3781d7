// Messages a queue consumer could not process, kept with their raw body and the error, counted per site, readable
// through the API and replayable onto their queue.
import { utcDay } from "../core/time";
import { statsStatement } from "./stats";

export interface DeadLetter {
  queue: string;
  site: string | null;
  reason: string;
  error: string | null;
  /** the message body as JSON text */
  body: string;
  at: number;
}

export interface DeadLetterRow extends DeadLetter {
  id: number;
  replayed_at: number | null;
}

/** Stores letters and counts them (`dead_lettered`) in one transaction. */
export async function insertDeadLetters(db: D1Database, rows: DeadLetter[]): Promise<void> {
  if (rows.length === 0) return;
  const counts = [...Map.groupBy(rows, (r) => r.site ?? "")].map(([site, of]) => ({ site, day: utcDay(of[0]!.at), metric: "dead_lettered", n: of.length }));
  await db.batch([
    db.prepare(
      `INSERT INTO dead_letters (queue, site, reason, error, body, at)
       SELECT j.value->>'queue', j.value->>'site', j.value->>'reason', j.value->>'error', j.value->>'body', j.value->>'at' FROM json_each(?1) j`,
    ).bind(JSON.stringify(rows)),
    statsStatement(db, counts),
  ]);
}

/** Newest first; `site` null lists every letter (the admin's view). */
export async function listDeadLetters(db: D1Database, q: { site: string | null; before?: number; limit: number }): Promise<DeadLetterRow[]> {
  const { results } = await db
    .prepare("SELECT * FROM dead_letters WHERE (?1 IS NULL OR site = ?1) AND (?2 IS NULL OR id < ?2) ORDER BY id DESC LIMIT ?3")
    .bind(q.site, q.before ?? null, q.limit)
    .all<DeadLetterRow>();
  return results;
}

export async function deadLetterById(db: D1Database, id: number): Promise<DeadLetterRow | null> {
  return db.prepare("SELECT * FROM dead_letters WHERE id = ?1").bind(id).first<DeadLetterRow>();
}

export async function markReplayed(db: D1Database, id: number, now: number): Promise<void> {
  await db.prepare("UPDATE dead_letters SET replayed_at = ?2 WHERE id = ?1").bind(id, now).run();
}
