// Profile rows ↔ ProfileRecord: filterable fields are columns, the rest one JSON document.
import type { ProfileRecord } from "../core/profiles/profile";

export interface ProfileRow {
  id: string;
  site: string;
  user_id: string | null;
  email: string | null;
  stage: string;
  label: string;
  score: number;
  grade: string | null;
  quality: string;
  doc: string;
  first_seen: number;
  last_seen: number;
  updated_at: number;
  seq: number;
}

type Doc = Omit<ProfileRecord, "id" | "site" | "user_id" | "email" | "stage" | "label" | "score" | "grade" | "first_seen" | "last_seen" | "updated_at">;

export function recordOf(row: ProfileRow): ProfileRecord & { seq: number } {
  const doc = JSON.parse(row.doc) as Doc;
  return {
    ...doc,
    id: row.id,
    site: row.site,
    user_id: row.user_id,
    email: row.email,
    stage: row.stage as ProfileRecord["stage"],
    label: row.label,
    score: row.score,
    grade: row.grade,
    first_seen: row.first_seen,
    last_seen: row.last_seen,
    updated_at: row.updated_at,
    seq: row.seq,
  };
}

/** The JSON the store's upsert reads with json_each: one object per profile. */
export function rowOf(p: ProfileRecord): Omit<ProfileRow, "seq"> {
  const { id, site, user_id, email, stage, label, score, grade, first_seen, last_seen, updated_at, ...doc } = p;
  return { id, site, user_id, email, stage, label, score, grade, quality: p.quality.status, doc: JSON.stringify(doc), first_seen, last_seen, updated_at };
}
