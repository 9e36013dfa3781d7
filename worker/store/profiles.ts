// Profile reads: by id (merged ids resolve to the survivor), the filtered lists and the updated_since feed.
import { CRM_STAGES, type CursorShapes, type QualityStatus } from "../../schema/vocabulary";
import { normalizeEmail } from "../core/profiles/identity";
import type { ProfileRecord } from "../core/profiles/profile";
import type { EventRow } from "../core/profiles/view";
import type { KeyBound } from "../core/scoring/score-key";
import { recordOf, type ProfileRow } from "./profile-rows";

export async function profileById(db: D1Database, id: string): Promise<ProfileRecord | null> {
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
  /** min_score as a bound on the score key at the moment of the request (core/scoring/score-key.ts) */
  min_key?: KeyBound;
  updated_since?: number;
  /** part of the e-mail, name or company, any case */
  q?: string;
  quality?: QualityStatus[];
  /** true: has an e-mail, phone or user id; false: has none */
  identified?: boolean;
  /** of the first touch */
  channel?: string;
  source?: string;
  campaign?: string;
  first_seen_from?: number;
  first_seen_to?: number;
  last_seen_from?: number;
  last_seen_to?: number;
  /** an owner id, or null: nobody owns it */
  owner?: string | null;
  /** assigned at or before this time and not contacted (null: no follow-up window, so nothing is overdue) */
  overdue_before?: number | null;
  /** the people of an account */
  account?: string;
}

/** Hottest first reads forwards (after a key) or backwards (the rows just before a key, nearest first). */
export type ProfileOrder =
  | { by: "updated"; after?: CursorShapes["feed"] }
  | { by: "score"; after?: CursorShapes["score"] }
  | { by: "score"; before: CursorShapes["score"] };

const likeText = (s: string) => `%${s.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

/** The WHERE clause of a filter, with its arguments (?1 is always the site). */
function whereOf(f: ProfileFilter): { where: string[]; args: unknown[] } {
  const where = ["p.site = ?1"];
  const args: unknown[] = [f.site];
  const arg = (value: unknown) => `?${args.push(value)}`;
  if (f.email !== undefined) where.push(`p.email = ${arg(normalizeEmail(f.email))}`);
  if (f.user_id !== undefined) where.push(`p.user_id = ${arg(f.user_id)}`);
  if (f.anonymous_id !== undefined) where.push(`p.id IN (SELECT profile_id FROM identities WHERE site = ?1 AND kind = 'anonymous' AND value = ${arg(f.anonymous_id)})`);
  if (f.stage !== undefined) where.push(`p.stage = ${arg(f.stage)}`);
  if (f.label !== undefined) where.push(`p.label = ${arg(f.label)}`);
  if (f.updated_since !== undefined) where.push(`p.updated_at >= ${arg(f.updated_since)}`);
  if (f.q !== undefined) where.push(`p.search LIKE ${arg(likeText(f.q))} ESCAPE '\\'`);
  if (f.quality !== undefined) where.push(`p.quality IN (SELECT value FROM json_each(${arg(JSON.stringify(f.quality))}))`);
  if (f.identified !== undefined) {
    where.push(`${f.identified ? "" : "NOT "}(p.email IS NOT NULL OR p.phone IS NOT NULL OR p.user_id IS NOT NULL)`);
  }
  if (f.channel !== undefined) where.push(`p.first_channel = ${arg(f.channel)}`);
  if (f.source !== undefined) where.push(`p.first_source = ${arg(f.source)}`);
  if (f.campaign !== undefined) where.push(`p.first_campaign = ${arg(f.campaign)}`);
  if (f.first_seen_from !== undefined) where.push(`p.first_seen >= ${arg(f.first_seen_from)}`);
  if (f.first_seen_to !== undefined) where.push(`p.first_seen <= ${arg(f.first_seen_to)}`);
  if (f.last_seen_from !== undefined) where.push(`p.last_seen >= ${arg(f.last_seen_from)}`);
  if (f.last_seen_to !== undefined) where.push(`p.last_seen <= ${arg(f.last_seen_to)}`);
  if (f.owner !== undefined) where.push(f.owner === null ? "p.owner_id IS NULL" : `p.owner_id = ${arg(f.owner)}`);
  if (f.account !== undefined) where.push(`p.account_id = ${arg(f.account)}`);
  if (f.overdue_before === null) where.push("FALSE");
  if (typeof f.overdue_before === "number") {
    // Not contacted: no contacted_at, no verdict, not moved to sql or customer by the CRM (core/routing/follow-up.ts).
    where.push(`p.owner_id IS NOT NULL AND p.assigned_at <= ${arg(f.overdue_before)} AND p.contacted_at IS NULL AND p.disposition IS NULL
      AND p.stage NOT IN (SELECT value FROM json_each(${arg(JSON.stringify(CRM_STAGES))}))`);
  }
  const k = f.min_key;
  if (k?.kind === "positive") where.push(`p.score_sign = 1 AND p.score_rank >= ${arg(k.rank)}`);
  if (k?.kind === "non_negative") where.push("p.score_sign >= 0");
  if (k?.kind === "above_negative") where.push(`(p.score_sign >= 0 OR p.score_rank >= ${arg(k.rank)})`);
  return { where, args };
}

export async function listProfiles(db: D1Database, f: ProfileFilter, order: ProfileOrder, limit: number): Promise<ProfileRecord[]> {
  const { results } = await listStatement(db, f, order, limit).all<ProfileRow>();
  return results.map(recordOf);
}

/** The list's query, for a caller that reads it in one batch with others (the feed). */
export function listStatement(db: D1Database, f: ProfileFilter, order: ProfileOrder, limit: number): D1PreparedStatement {
  const { where, args } = whereOf(f);
  const arg = (value: unknown) => `?${args.push(value)}`;
  let orderBy: string;
  if (order.by === "score" && "before" in order) {
    // The same keyset read backwards: rows strictly before the first one of the next page, nearest first.
    const b = order.before;
    const [s, r, id] = [arg(b.sign), arg(b.rank), arg(b.id)];
    where.push(`(p.score_sign > ${s} OR (p.score_sign = ${s} AND (p.score_rank > ${r} OR (p.score_rank = ${r} AND p.id < ${id}))))`);
    orderBy = "p.score_sign ASC, p.score_rank ASC, p.id DESC";
  } else if (order.by === "score") {
    const a = order.after;
    // Keyset on (sign DESC, rank DESC, id ASC): rows strictly after the last one of the previous page.
    if (a) {
      const [s, r, id] = [arg(a.sign), arg(a.rank), arg(a.id)];
      where.push(`(p.score_sign < ${s} OR (p.score_sign = ${s} AND (p.score_rank < ${r} OR (p.score_rank = ${r} AND p.id > ${id}))))`);
    }
    orderBy = "p.score_sign DESC, p.score_rank DESC, p.id ASC";
  } else {
    if (order.after) where.push(`p.seq > ${arg(order.after.seq)}`);
    orderBy = "p.seq ASC";
  }
  const sql = `SELECT p.* FROM profiles p WHERE ${where.join(" AND ")} ORDER BY ${orderBy} LIMIT ${arg(limit)}`;
  return db.prepare(sql).bind(...args);
}

export type { EventRow } from "../core/profiles/view";

export async function profileEvents(db: D1Database, profileId: string, opts: { before?: CursorShapes["time"]; limit: number }): Promise<EventRow[]> {
  const { results } = opts.before
    ? await db
        .prepare("SELECT * FROM events WHERE profile_id = ?1 AND (at < ?2 OR (at = ?2 AND id < ?3)) ORDER BY at DESC, id DESC LIMIT ?4")
        .bind(profileId, opts.before.at, opts.before.id, opts.limit)
        .all<EventRow>()
    : await db.prepare("SELECT * FROM events WHERE profile_id = ?1 ORDER BY at DESC, id DESC LIMIT ?2").bind(profileId, opts.limit).all<EventRow>();
  return results;
}

/** Qualified profiles, least recently active first: the ones whose score decay matters most. */
export async function qualifiedByActivity(db: D1Database, site: string, limit: number): Promise<ProfileRecord[]> {
  const { results } = await db.prepare("SELECT * FROM profiles WHERE site = ?1 AND stage = 'mql' ORDER BY last_seen LIMIT ?2").bind(site, limit).all<ProfileRow>();
  return results.map(recordOf);
}
