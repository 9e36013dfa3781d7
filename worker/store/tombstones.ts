// Feed tombstones: a profile id that stops existing (erased, or merged into another profile) gets a place in its
// site's change sequence, written in the same db.batch() as the deletion, so the CRM feed can tell a consumer about it
// exactly once (store/feed.ts reads them with the profiles).

export interface Tombstone {
  id: string;
  seq: number;
  deleted_at: number;
  /** null: erased; else the profile that absorbed this one */
  merged_into: string | null;
}

/**
 * A SQL condition: the profile id has no tombstone. A queue batch planned before an erasure (or a merge) commits
 * after it; its rows for the id that stopped existing are skipped, so nothing brings an erased person back.
 */
export const notGone = (site: string, id: string) => `NOT EXISTS (SELECT 1 FROM feed_tombstones t WHERE t.site = ${site} AND t.id = ${id})`;

/**
 * Tombstones for `gone` ids of one site, numbered after the site's last change; an id that already has one keeps it
 * (an id stops existing once). With `onlyStored`, ids that never reached the profiles table (a profile made and merged
 * within one batch) get none: no consumer can hold them.
 */
const INSERT_TOMBSTONES = (onlyStored: boolean) => `
INSERT OR IGNORE INTO feed_tombstones (site, id, seq, deleted_at, merged_into)
SELECT ?1, j.value->>'id', (SELECT seq FROM sites WHERE id = ?1) + ROW_NUMBER() OVER (ORDER BY j.key), ?2, j.value->>'merged_into'
FROM json_each(?3) j
${onlyStored ? "WHERE EXISTS (SELECT 1 FROM profiles p WHERE p.id = j.value->>'id' AND p.site = ?1)" : ""}`;

/** The site's counter moves past the tombstones just numbered, so the next change comes after them. */
const ADVANCE_SEQ = "UPDATE sites SET seq = MAX(seq, COALESCE((SELECT MAX(seq) FROM feed_tombstones WHERE site = ?1), 0)) WHERE id = ?1";

function tombstoneStatements(db: D1Database, site: string, gone: { id: string; merged_into: string | null }[], now: number, onlyStored: boolean): D1PreparedStatement[] {
  if (gone.length === 0) return [];
  return [db.prepare(INSERT_TOMBSTONES(onlyStored)).bind(site, now, JSON.stringify(gone)), db.prepare(ADVANCE_SEQ).bind(site)];
}

/** For an erasure's batch: the erased id (and merged-away ids that have no tombstone yet) become erased tombstones. */
export function erasureTombstones(db: D1Database, site: string, ids: string[], now: number): D1PreparedStatement[] {
  return tombstoneStatements(db, site, ids.map((id) => ({ id, merged_into: null })), now, false);
}

/** For a commit with merges, before the merged-away rows are deleted: each stored one becomes a merged tombstone. */
export function mergeTombstones(db: D1Database, merges: { site: string; from_id: string; into_id: string }[], now: number): D1PreparedStatement[] {
  return [...Map.groupBy(merges, (m) => m.site)].flatMap(([site, rows]) =>
    tombstoneStatements(db, site, rows.map((m) => ({ id: m.from_id, merged_into: m.into_id })), now, true),
  );
}

/** The feed's tombstones after a position, in sequence order. */
export function tombstonesAfter(db: D1Database, q: { site: string; after: number; since?: number; limit: number }): D1PreparedStatement {
  return db
    .prepare("SELECT id, seq, deleted_at, merged_into FROM feed_tombstones WHERE site = ?1 AND seq > ?2 AND deleted_at >= ?3 ORDER BY seq LIMIT ?4")
    .bind(q.site, q.after, q.since ?? 0, q.limit);
}
