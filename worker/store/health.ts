// Whether the store answers: /healthz.

/** True once the database answers and the schema is migrated. */
export async function storageReady(db: D1Database): Promise<boolean> {
  try {
    await db.prepare("SELECT 1 FROM sites LIMIT 1").first();
    return true;
  } catch {
    return false;
  }
}
