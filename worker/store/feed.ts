// The CRM feed's read: a page of profiles and, when asked, tombstones after a position in the site's change sequence,
// plus the sequence's head — all in one db.batch(), so they are one snapshot. A snapshot matters: a page read apart from
// its tombstones (or the head) could end past a change it never saw, and a resume cursor would then skip it.
import type { ProfileRecord } from "../core/profiles/profile";
import { recordOf, type ProfileRow } from "./profile-rows";
import { listStatement, type ProfileFilter } from "./profiles";
import { tombstonesAfter, type Tombstone } from "./tombstones";

export type FeedItem = { kind: "profile"; seq: number; profile: ProfileRecord } | { kind: "tombstone"; seq: number; tombstone: Tombstone };

export interface FeedRead {
  /** at most `limit` items in sequence order */
  items: FeedItem[];
  /** the site's last sequence number handed out, as of the snapshot */
  head: number;
}

export async function readFeed(db: D1Database, f: ProfileFilter, q: { after: number; limit: number; includeDeleted: boolean }): Promise<FeedRead> {
  const statements = [
    db.prepare("SELECT seq FROM sites WHERE id = ?1").bind(f.site),
    listStatement(db, f, { by: "updated", after: { seq: q.after } }, q.limit),
    ...(q.includeDeleted ? [tombstonesAfter(db, { site: f.site, after: q.after, since: f.updated_since, limit: q.limit })] : []),
  ];
  const [site, profiles, tombstones] = await db.batch<Record<string, unknown>>(statements);
  const items: FeedItem[] = [
    ...(profiles!.results as unknown as ProfileRow[]).map((row): FeedItem => ({ kind: "profile", seq: row.seq, profile: recordOf(row) })),
    ...((tombstones?.results ?? []) as unknown as Tombstone[]).map((t): FeedItem => ({ kind: "tombstone", seq: t.seq, tombstone: t })),
  ];
  items.sort((a, b) => a.seq - b.seq);
  return { items: items.slice(0, q.limit), head: Number(site!.results[0]?.seq ?? 0) };
}
