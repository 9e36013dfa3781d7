// Profile records ↔ rows of the profiles table. The columns are PROFILE_COLUMNS (schema/vocabulary.ts); each one is
// either a field of the record or derived from it for the lists' filters; the rest of the record is the JSON `doc`.
import { PROFILE_COLUMNS, type Disposition, type ProfileColumn, type Stage } from "../../schema/vocabulary";
import { searchTextOf, type ProfileRecord } from "../core/profiles/profile";
import type { ScoreKey } from "../core/scoring/score-key";

type NumberColumn = "score_sign" | "score_rank" | "first_seen" | "last_seen" | "updated_at" | "seq";
type NullableNumberColumn = "assigned_at" | "contacted_at" | "deal_amount";
type TextColumn = "id" | "site" | "stage" | "label" | "quality" | "doc";
export type ProfileRow = { [K in ProfileColumn]: K extends NumberColumn ? number : K extends NullableNumberColumn ? number | null : K extends TextColumn ? string : string | null };

type Derived = "search" | "quality" | "score_sign" | "score_rank" | "first_channel" | "first_source" | "first_campaign" | "owner_id" | "account_id" | "deal_amount" | "deal_currency" | "doc";
type Stored = Exclude<ProfileColumn, Derived>;
type Doc = Omit<ProfileRecord, Stored | "score_key">;

/** Columns filled from the record; every other column is the record field of the same name. */
const DERIVED: Record<Derived, (p: ProfileRecord) => unknown> = {
  search: (p) => searchTextOf(p),
  quality: (p) => p.quality.status,
  score_sign: (p) => p.score_key.sign,
  score_rank: (p) => p.score_key.rank,
  first_channel: (p) => p.first_touch?.channel ?? null,
  first_source: (p) => p.first_touch?.source ?? null,
  first_campaign: (p) => p.first_touch?.campaign ?? null,
  owner_id: (p) => p.owner?.id ?? null,
  account_id: (p) => p.account?.id ?? null,
  deal_amount: (p) => p.deal?.amount ?? null,
  deal_currency: (p) => p.deal?.currency ?? null,
  doc: (p) => JSON.stringify(docOf(p)),
};

export const COLUMNS = Object.keys(PROFILE_COLUMNS) as ProfileColumn[];
const STORED = COLUMNS.filter((c): c is Stored => !(c in DERIVED));

function docOf(p: ProfileRecord): Doc {
  const doc: Record<string, unknown> = { ...p };
  for (const c of STORED) delete doc[c];
  delete doc.score_key;
  return doc as Doc;
}

export function recordOf(row: ProfileRow): ProfileRecord {
  const doc = JSON.parse(row.doc) as Doc;
  // Profiles stored before traits had sources and claims read as having none.
  doc.trait_sources ??= {};
  doc.claims ??= [];
  doc.owner ??= null;
  doc.account ??= null;
  doc.deal ??= null;
  doc.ad_clicks ??= {};
  doc.marketing_refused ??= null;
  const stored = Object.fromEntries(STORED.map((c) => [c, row[c]])) as Pick<ProfileRecord, Stored>;
  const score_key = { sign: Math.sign(row.score_sign) as ScoreKey["sign"], rank: row.score_rank };
  return { ...doc, ...stored, stage: row.stage as Stage, disposition: row.disposition as Disposition | null, score_key };
}

/** The row as one JSON object, which the store's upsert reads with json_each. */
export function rowOf(p: ProfileRecord): Record<ProfileColumn, unknown> {
  const row = {} as Record<ProfileColumn, unknown>;
  for (const c of COLUMNS) row[c] = c in DERIVED ? DERIVED[c as Derived](p) : p[c as Stored];
  return row;
}
