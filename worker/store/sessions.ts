// Dashboard sessions: only the hash of the cookie's random id is stored, with the hash of the credential behind it.
export interface SessionRow {
  id_hash: string;
  site: string | null;
  credential_hash: string;
  created_at: number;
  expires_at: number;
}

export async function insertSession(db: D1Database, s: SessionRow): Promise<void> {
  await db
    .prepare("INSERT INTO dashboard_sessions (id_hash, site, credential_hash, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)")
    .bind(s.id_hash, s.site, s.credential_hash, s.created_at, s.expires_at)
    .run();
}

/** A session that has not expired. */
export async function liveSession(db: D1Database, idHash: string, now: number): Promise<SessionRow | null> {
  return db.prepare("SELECT * FROM dashboard_sessions WHERE id_hash = ?1 AND expires_at > ?2").bind(idHash, now).first<SessionRow>();
}

export async function deleteSession(db: D1Database, idHash: string): Promise<void> {
  await db.prepare("DELETE FROM dashboard_sessions WHERE id_hash = ?1").bind(idHash).run();
}

/** Expired sessions are forgotten (hourly). */
export async function purgeExpiredSessions(db: D1Database, now: number): Promise<number> {
  return (await db.prepare("DELETE FROM dashboard_sessions WHERE expires_at <= ?1").bind(now).run()).meta.changes;
}
