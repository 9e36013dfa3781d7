// Store-level housekeeping reads and writes: reachability and the dead-letter table.

/** True once the database answers and the schema is migrated. */
export async function storageReady(db: D1Database): Promise<boolean> {
  try {
    await db.prepare("SELECT 1 FROM sites LIMIT 1").first();
    return true;
  } catch {
    return false;
  }
}

export interface DeadLetter {
  queue: string;
  reason: string;
  body: string;
  at: number;
}

export async function insertDeadLetters(db: D1Database, rows: DeadLetter[]): Promise<void> {
  await db
    .prepare("INSERT INTO dead_letters (queue, reason, body, at) SELECT j.value->>'queue', j.value->>'reason', j.value->>'body', j.value->>'at' FROM json_each(?1) j")
    .bind(JSON.stringify(rows))
    .run();
}
