// Profile reads: by id (merged ids resolve to the survivor), the filtered list and the updated_since feed.
import { normalizeEmail } from "../core/profiles/identity";
import type { ProfileRecord } from "../core/profiles/profile";
import { recordOf, type ProfileRow } from "./profile-rows";

export type StoredProfile = ProfileRecord & { seq: number };

export async function profileById(db: D1Database, id: string): Promise<StoredProfile | null> {
  const row = await db
    .prepare("SELECT * FROM profiles WHERE id = COALESCE((SELECT into_id FROM merges WHERE from_id = ?1), ?1)")
    .bind(id)
    .first<ProfileRow>();
  return row ? recordOf(row) : null;
}

export interface ProfileFilter {
  site: string;
  email?: string;
  anonymous_id?: string;
  user_id?: string;
  stage?: string;
  label?: string;
  min_score?: number;
  updated_since?: number;
  /** keyset position: the last seq (feed order) or [score, id] (score order) */
  after?: { seq: number } | { score: number; id: string };
  order: "updated" | "score";
  limit: number;
}

export async function listProfiles(db: D1Database, f: ProfileFilter): Promise<StoredProfile[]> {
  const where = ["p.site = ?1"];
  const args: unknown[] = [f.site];
  const add = (sql: string, value: unknown) => {
    args.push(value);
    where.push(sql.replaceAll("{}", `?${args.length}`));
  };
  if (f.email !== undefined) add("p.email = {}", normalizeEmail(f.email));
  if (f.user_id !== undefined) add("p.user_id = {}", f.user_id);
  if (f.anonymous_id !== undefined) add("p.id IN (SELECT profile_id FROM identities WHERE site = ?1 AND kind = 'anonymous' AND value = {})", f.anonymous_id);
  if (f.stage !== undefined) add("p.stage = {}", f.stage);
  if (f.label !== undefined) add("p.label = {}", f.label);
  if (f.min_score !== undefined) add("p.score >= {}", f.min_score);
  if (f.updated_since !== undefined) add("p.updated_at >= {}", f.updated_since);
  if (f.after && "seq" in f.after) add("p.seq > {}", f.after.seq);
  if (f.after && "score" in f.after) {
    args.push(f.after.score, f.after.id);
    where.push(`(p.score < ?${args.length - 1} OR (p.score = ?${args.length - 1} AND p.id > ?${args.length}))`);
  }
  const order = f.order === "score" ? "p.score DESC, p.id ASC" : "p.seq ASC";
  args.push(f.limit);
  const sql = `SELECT p.* FROM profiles p WHERE ${where.join(" AND ")} ORDER BY ${order} LIMIT ?${args.length}`;
  const { results } = await db.prepare(sql).bind(...args).all<ProfileRow>();
  return results.map(recordOf);
}

export interface EventRow {
  id: string;
  profile_id: string;
  session_id: string | null;
  type: string;
  name: string | null;
  at: number;
  received_at: number;
  url: string | null;
  data: string;
}

export async function profileEvents(db: D1Database, profileId: string, opts: { before?: { at: number; id: string }; limit: number }): Promise<EventRow[]> {
  const { results } = opts.before
    ? await db
        .prepare("SELECT * FROM events WHERE profile_id = ?1 AND (at < ?2 OR (at = ?2 AND id < ?3)) ORDER BY at DESC, id DESC LIMIT ?4")
        .bind(profileId, opts.before.at, opts.before.id, opts.limit)
        .all<EventRow>()
    : await db.prepare("SELECT * FROM events WHERE profile_id = ?1 ORDER BY at DESC, id DESC LIMIT ?2").bind(profileId, opts.limit).all<EventRow>();
  return results;
}

/** Qualified profiles, least recently active first: the ones whose score decay matters most. */
export async function qualifiedByActivity(db: D1Database, site: string, limit: number): Promise<StoredProfile[]> {
  const { results } = await db.prepare("SELECT * FROM profiles WHERE site = ?1 AND stage = 'mql' ORDER BY last_seen LIMIT ?2").bind(site, limit).all<ProfileRow>();
  return results.map(recordOf);
}

/** Profiles by stored score, highest first. */
export async function hottestStored(db: D1Database, site: string, limit: number): Promise<StoredProfile[]> {
  const { results } = await db.prepare("SELECT * FROM profiles WHERE site = ?1 AND score > 0 ORDER BY score DESC LIMIT ?2").bind(site, limit).all<ProfileRow>();
  return results.map(recordOf);
}

/** Rewrites stored scores only: decay is not a change of the profile, so neither updated_at nor the feed moves. */
export async function storeScores(db: D1Database, scores: { id: string; score: number }[]): Promise<void> {
  if (scores.length === 0) return;
  await db
    .prepare("UPDATE profiles SET score = (SELECT j.value->>'score' FROM json_each(?1) j WHERE j.value->>'id' = profiles.id) WHERE id IN (SELECT j.value->>'id' FROM json_each(?1) j)")
    .bind(JSON.stringify(scores))
    .run();
}
