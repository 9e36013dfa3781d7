// The raw-event archive in R2 (binding ARCHIVE) and its D1 index: the only module that touches R2. Objects are written
// before the D1 commit that stores their events (jobs/events.ts), so an event D1 holds is always archived too; a
// failed write retries the message. docs/SCALING.md "The archive" gives the layout and the guarantees.
import type { ArchivedEvent } from "../../schema/event";
import { archivePrefixOf, type ArchiveIndexRow, type ArchiveObject } from "../core/archive/layout";
import { archiveWithout, decodeArchive, encodeArchive } from "../core/archive/ndjson";
import { jsonChunks } from "./json-chunks";

/** R2 could not be written or read: the work is retried, never acked half-done. */
export class ArchiveUnavailable extends Error {
  override name = "ArchiveUnavailable";
}

/** Objects read at once (a Worker has six connections; D1 and the queue keep the rest). */
const READ_CONCURRENCY = 4;

const NDJSON = { httpMetadata: { contentType: "application/x-ndjson" } };

async function archiveCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw new ArchiveUnavailable(`archive ${what} failed: ${(err as Error)?.message ?? err}`);
  }
}

/** Writes every object (an object of the same key is replaced); throws ArchiveUnavailable when one fails. */
export async function writeArchive(bucket: R2Bucket, objects: readonly ArchiveObject[]): Promise<void> {
  await archiveCall("write", () => Promise.all(objects.map((o) => bucket.put(o.key, encodeArchive(o.lines), NDJSON))));
}

/**
 * After a commit threw: its objects go, unless the commit went through after all (D1 can answer with an error for a
 * transaction it applied), which D1 tells by holding any of the objects' events — then the objects stay, since they
 * are the archive of those events. When that cannot be read either, the objects stay too: a leftover is never read
 * (readers go through the index and dedupe by event id), a deleted archive of stored events would be a loss.
 */
export async function discardUncommitted(db: D1Database, bucket: R2Bucket, objects: readonly ArchiveObject[]): Promise<void> {
  if (objects.length === 0) return;
  try {
    const ids = objects.flatMap((o) => o.lines.map((l) => [l.site, l.id]));
    const stored = await db
      .prepare("SELECT 1 FROM json_each(?1) j JOIN events e ON e.site = j.value->>0 AND e.id = j.value->>1 LIMIT 1")
      .bind(JSON.stringify(ids))
      .first();
    if (stored !== null) return;
    await bucket.delete(objects.map((o) => o.key));
  } catch (err) {
    console.error("archive objects of a failed commit left behind", (err as Error).message);
  }
}

/** The commit's index rows. Not skipped for erased ids: a batch in flight during an erasure is found by the sweep. */
export function archiveIndexStatements(db: D1Database, rows: readonly ArchiveIndexRow[]): D1PreparedStatement[] {
  return jsonChunks([...rows]).map((chunk) =>
    db.prepare(`INSERT OR IGNORE INTO archive_objects (site, profile_id, key, day)
      SELECT j.value->>'site', j.value->>'profile_id', j.value->>'key', j.value->>'day' FROM json_each(?1) j`).bind(chunk.json),
  );
}

/** Objects (with the ids they hold) of some profiles received up to a day (inclusive; absent = any day). */
export async function archivedKeysOf(db: D1Database, q: { site: string; ids: readonly string[]; upToDay?: string }): Promise<{ key: string; profile_id: string }[]> {
  if (q.ids.length === 0) return [];
  const { results } = await db
    .prepare("SELECT key, profile_id FROM archive_objects WHERE site = ?1 AND profile_id IN (SELECT value FROM json_each(?2)) AND day <= ?3 ORDER BY key")
    .bind(q.site, JSON.stringify(q.ids), q.upToDay ?? "9999-12-31")
    .all<{ key: string; profile_id: string }>();
  return results;
}

/** Runs `each` over objects a few at a time, in order of the keys given. */
async function eachObject(bucket: R2Bucket, keys: readonly string[], each: (key: string, text: string | null) => Promise<void> | void): Promise<void> {
  for (let i = 0; i < keys.length; i += READ_CONCURRENCY) {
    const slice = keys.slice(i, i + READ_CONCURRENCY);
    const texts = await archiveCall("read", () => Promise.all(slice.map(async (k) => (await bucket.get(k))?.text() ?? null)));
    for (let j = 0; j < slice.length; j++) await each(slice[j]!, texts[j]!);
  }
}

/**
 * The archived lines of some profiles (ids as the lines name them) from the given objects. Only those lines are kept
 * while the objects are read a few at a time, so memory holds the people asked for, not the objects.
 */
export async function archivedLines(bucket: R2Bucket, keys: readonly string[], ids: ReadonlySet<string>): Promise<ArchivedEvent[]> {
  const out: ArchivedEvent[] = [];
  await eachObject(bucket, [...new Set(keys)], (key, text) => {
    if (text === null) return void console.error("indexed archive object missing", key);
    for (const line of decodeArchive(text).lines) if (ids.has(line.profile_id)) out.push(line);
  });
  return out;
}

/** For an erasure's transaction: the ids whose archived lines must go (kept, so a late batch's lines go too). */
export function archiveErasureStatements(db: D1Database, site: string, ids: readonly string[], now: number): D1PreparedStatement[] {
  return [db.prepare("INSERT OR IGNORE INTO archive_erasures (site, profile_id, erased_at) SELECT ?1, value, ?3 FROM json_each(?2)").bind(site, JSON.stringify(ids), now)];
}

/** Index rows of erased people still to remove, per object, `limit` rows at most. */
const PENDING_ERASURES = `
SELECT a.site, a.key, a.profile_id FROM archive_erasures e JOIN archive_objects a ON a.site = e.site AND a.profile_id = e.profile_id
WHERE (?1 IS NULL OR e.site = ?1) LIMIT ?2`;

/**
 * Rewrites the objects that hold lines of erased people without those lines (an object left empty is deleted), then
 * drops their index rows. Returns the index rows handled and the lines removed. Run by the erasure and the hourly cron.
 */
export async function sweepArchiveErasures(db: D1Database, bucket: R2Bucket, q: { site?: string; limit: number }): Promise<{ rows: number; lines: number }> {
  const { results } = await db.prepare(PENDING_ERASURES).bind(q.site ?? null, q.limit).all<{ site: string; key: string; profile_id: string }>();
  if (results.length === 0) return { rows: 0, lines: 0 };
  const byKey = Map.groupBy(results, (r) => r.key);
  let removed = 0;
  await eachObject(bucket, [...byKey.keys()], async (key, text) => {
    if (text === null) return;
    const rest = archiveWithout(text, new Set(byKey.get(key)!.map((r) => r.profile_id)));
    removed += rest.removed;
    await archiveCall("rewrite", async () => void (rest.text === null ? await bucket.delete(key) : await bucket.put(key, rest.text, NDJSON)));
  });
  await db.batch(jsonChunks(results).map((chunk) =>
    db.prepare(`DELETE FROM archive_objects WHERE (site, profile_id, key) IN
      (SELECT j.value->>'site', j.value->>'profile_id', j.value->>'key' FROM json_each(?1) j)`).bind(chunk.json),
  ));
  return { rows: results.length, lines: removed };
}

/** Objects listed per call when a site's archive is deleted (R2 deletes up to 1,000 keys per call). */
const DELETE_PAGE = 1000;

/** Deletes a deleted site's whole archive, a page at a time; returns how many objects went. */
export async function deleteSiteArchive(bucket: R2Bucket, site: string): Promise<number> {
  let deleted = 0;
  let cursor: string | undefined;
  do {
    const page = await archiveCall("list", () => bucket.list({ prefix: archivePrefixOf(site), cursor, limit: DELETE_PAGE }));
    if (page.objects.length) await archiveCall("delete", () => bucket.delete(page.objects.map((o) => o.key)));
    deleted += page.objects.length;
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  return deleted;
}
