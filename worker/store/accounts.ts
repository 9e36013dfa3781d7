// Accounts' rows: what a plan reads (the accounts it may touch, their people, each site's threshold), what a commit
// writes (each account only from the version its plan read: compare and swap), and the lists and pages people read.
import type { CursorShapes, Stage } from "../../schema/vocabulary";
import type { AccountRecord, AccountThreshold, Member, MemberSource } from "../core/accounts/account";
import { memberOf } from "../core/accounts/account";
import type { AccountsKnown } from "../core/accounts/plan-accounts";
import type { Plan } from "../core/profiles/plan";
import type { ProfileRecord } from "../core/profiles/profile";
import type { KeyBound, ScoreKey } from "../core/scoring/score-key";
import { jsonChunks } from "./json-chunks";
import { recordOf, type ProfileRow } from "./profile-rows";
import { settingsOf, type SiteSettings } from "./sites";

/** The CHECK constraint a commit trips when an account moved after its plan read it (migration 0010). */
export const ACCOUNT_MOVED = "account_moved";

interface AccountRow {
  id: string;
  site: string;
  domain: string;
  name: string | null;
  search: string;
  score_sign: number;
  score_rank: number;
  people: number;
  grade: string | null;
  people_stage: string;
  label: string | null;
  qualified: number;
  owner_id: string | null;
  last_seen: number;
  doc: string;
  version: number;
}

type Doc = Pick<AccountRecord, "fit" | "roles" | "owner" | "owner_by_hand" | "name_by_hand" | "qualified_at" | "first_seen" | "created_at" | "updated_at">;

export function accountOf(row: AccountRow): AccountRecord {
  const doc = JSON.parse(row.doc) as Doc;
  return {
    ...doc,
    id: row.id, site: row.site, domain: row.domain, name: row.name, people: row.people, grade: row.grade,
    score_key: { sign: Math.sign(row.score_sign) as ScoreKey["sign"], rank: row.score_rank },
    people_stage: row.people_stage as Stage, label: row.label, qualified: row.qualified === 1, last_seen: row.last_seen, version: row.version,
  };
}

function rowOf(a: AccountRecord, fromVersion: number): AccountRow {
  const doc: Doc = {
    fit: a.fit, roles: a.roles, owner: a.owner, owner_by_hand: a.owner_by_hand, name_by_hand: a.name_by_hand, qualified_at: a.qualified_at,
    first_seen: a.first_seen, created_at: a.created_at, updated_at: a.updated_at,
  };
  return {
    id: a.id, site: a.site, domain: a.domain, name: a.name, search: [a.domain, a.name ?? ""].join(" ").trim().toLowerCase(),
    score_sign: a.score_key.sign, score_rank: a.score_key.rank, people: a.people, grade: a.grade, people_stage: a.people_stage, label: a.label,
    qualified: a.qualified ? 1 : 0, owner_id: a.owner?.id ?? null, last_seen: a.last_seen, doc: JSON.stringify(doc), version: fromVersion + 1,
  };
}

const COLUMNS = ["id", "site", "domain", "name", "search", "score_sign", "score_rank", "people", "grade", "people_stage", "label", "qualified", "owner_id", "last_seen", "doc", "version"] as const satisfies readonly (keyof AccountRow)[];

/** Each row carries the version it moves to; a stored row at any other version than the one before makes it -1. */
const UPSERT = `
INSERT INTO accounts (${COLUMNS.join(", ")})
SELECT ${COLUMNS.map((c) => `j.value->>'${c}'`).join(", ")} FROM json_each(?1) j WHERE true
ON CONFLICT (id) DO UPDATE SET ${COLUMNS.filter((c) => c !== "id" && c !== "site" && c !== "version").map((c) => `${c} = excluded.${c}`).join(", ")},
  version = CASE WHEN accounts.version = excluded.version - 1 THEN excluded.version ELSE -1 END`;

/** A plan's account writes, for commit(): the accounts, and a renamed account's name on its people's profiles. */
export function accountStatements(db: D1Database, plan: Pick<Plan, "accounts">): D1PreparedStatement[] {
  const out = jsonChunks(plan.accounts.map((w) => rowOf(w.record, w.from_version))).map((chunk) => db.prepare(UPSERT).bind(chunk.json));
  for (const w of plan.accounts.filter((x) => x.renamed)) {
    out.push(db.prepare("UPDATE profiles SET doc = json_set(doc, '$.account.name', ?3) WHERE site = ?1 AND account_id = ?2").bind(w.record.site, w.record.id, w.record.name));
  }
  return out;
}

/** True when a commit failed because an account it writes moved after the plan read it: plan again from fresh rows. */
export const isAccountConflict = (message: string) => message.includes(ACCOUNT_MOVED);

export const thresholdOf = (settings: SiteSettings): AccountThreshold => ({ min_score: settings.account_mql_min_score, hysteresis: settings.account_mql_hysteresis });

type MemberRow = Omit<MemberSource, "traits" | "owner" | "score_key" | "stage"> & { account_id: string; score_sign: number; score_rank: number; stage: Stage; traits: string; owner: string };

function memberOfRow(r: MemberRow): Member {
  return memberOf({ ...r, score_key: { sign: Math.sign(r.score_sign) as ScoreKey["sign"], rank: r.score_rank }, fit: Number(r.fit), traits: JSON.parse(r.traits ?? "{}"), owner: JSON.parse(r.owner ?? "null") });
}

/** What a plan over some sites needs to place people in accounts: the accounts named, all their people, the thresholds. */
export async function loadAccounts(db: D1Database, sites: string[], ids: string[]): Promise<AccountsKnown> {
  // A batch of anonymous visitors touches no account: no read at all.
  if (ids.length === 0) return { accounts: new Map(), members: new Map(), threshold: () => thresholdOf(settingsOf({})) };
  const siteList = JSON.stringify([...new Set(sites)]);
  const idList = JSON.stringify([...new Set(ids)]);
  const [accounts, members, settings] = await db.batch<Record<string, unknown>>([
    db.prepare("SELECT * FROM accounts WHERE id IN (SELECT value FROM json_each(?1))").bind(idList),
    db.prepare(
      `SELECT id, account_id, score_sign, score_rank, grade, stage, label, assigned_at, first_seen, last_seen,
              doc->>'fit' AS fit, doc->'traits' AS traits, doc->'owner' AS owner
       FROM profiles WHERE site IN (SELECT value FROM json_each(?2)) AND account_id IN (SELECT value FROM json_each(?1))`,
    ).bind(idList, siteList),
    db.prepare("SELECT id, settings FROM sites WHERE id IN (SELECT value FROM json_each(?1))").bind(siteList),
  ]);
  const thresholds = new Map(settings!.results.map((r) => [String(r.id), thresholdOf(settingsOf(JSON.parse(String(r.settings))))]));
  const byAccount = Map.groupBy(members!.results as unknown as MemberRow[], (r) => r.account_id);
  return {
    accounts: new Map((accounts!.results as unknown as AccountRow[]).map((r) => [r.id, accountOf(r)])),
    members: new Map([...byAccount].map(([id, rows]) => [id, rows.map(memberOfRow)])),
    threshold: (site) => thresholds.get(site) ?? thresholdOf(settingsOf({})),
  };
}

export async function accountById(db: D1Database, id: string): Promise<AccountRecord | null> {
  const row = await db.prepare("SELECT * FROM accounts WHERE id = ?1").bind(id).first<AccountRow>();
  return row ? accountOf(row) : null;
}

/** An account's people, hottest first. */
export async function accountPeople(db: D1Database, a: Pick<AccountRecord, "site" | "id">, limit: number): Promise<ProfileRecord[]> {
  const { results } = await db
    .prepare("SELECT * FROM profiles WHERE site = ?1 AND account_id = ?2 ORDER BY score_sign DESC, score_rank DESC, id LIMIT ?3")
    .bind(a.site, a.id, limit)
    .all<ProfileRow>();
  return results.map(recordOf);
}

export interface AccountFilter {
  site: string;
  /** part of the domain or name, any case */
  q?: string;
  /** min_score as a bound on the score key at the moment of the request */
  min_key?: KeyBound;
  /** a stage as the account shows it now; `lower_line` is the hysteresis line at that moment (core/accounts/account.ts) */
  stage?: { stage: Stage; lower_line: KeyBound };
  /** an owner id, or null: nobody owns it */
  owner?: string | null;
}

/** `?N` placeholders for a statement's arguments, numbered as they are added. */
function argsList() {
  const args: unknown[] = [];
  return { args, arg: (value: unknown) => `?${args.push(value)}` };
}

/** A key bound as SQL on the score columns of `table`. */
export function keyBoundSql(k: KeyBound, table: string, arg: (value: unknown) => string): string {
  if (k.kind === "positive") return `${table}.score_sign = 1 AND ${table}.score_rank >= ${arg(k.rank)}`;
  if (k.kind === "non_negative") return `${table}.score_sign >= 0`;
  return `(${table}.score_sign >= 0 OR ${table}.score_rank >= ${arg(k.rank)})`;
}

const MQL_OR_LATER: readonly Stage[] = ["mql", "sql", "customer"];

/** The stage an account shows now (accountStage), as SQL: its best person's from mql on, else mql while qualified. */
function stageSql(f: NonNullable<AccountFilter["stage"]>, arg: (value: unknown) => string): string {
  const qualifiedNow = `(a.qualified = 1 AND ${keyBoundSql(f.lower_line, "a", arg)})`;
  if (f.stage === "mql") return `(a.people_stage = 'mql' OR (a.people_stage NOT IN ('sql', 'customer') AND ${qualifiedNow}))`;
  if (MQL_OR_LATER.includes(f.stage)) return `a.people_stage = ${arg(f.stage)}`;
  if (f.stage === "lead") return `(a.people_stage NOT IN ('mql', 'sql', 'customer') AND NOT ${qualifiedNow})`;
  return "FALSE"; // every person of an account left an e-mail: no account is a mere visitor
}

export type AccountPage = { after?: CursorShapes["score"] } | { before: CursorShapes["score"] };

/** Accounts with people, hottest first, keyset-paged forwards (`after`) or backwards (`before`, still hottest first). */
export async function listAccounts(db: D1Database, f: AccountFilter, page: AccountPage, limit: number): Promise<AccountRecord[]> {
  const { args, arg } = argsList();
  const where = [`a.site = ${arg(f.site)}`, "a.people > 0"];
  if (f.q !== undefined) where.push(`a.search LIKE ${arg(`%${f.q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`)} ESCAPE '\\'`);
  if (f.min_key) where.push(keyBoundSql(f.min_key, "a", arg));
  if (f.stage) where.push(stageSql(f.stage, arg));
  if (f.owner !== undefined) where.push(f.owner === null ? "a.owner_id IS NULL" : `a.owner_id = ${arg(f.owner)}`);
  const backwards = "before" in page;
  const at = "before" in page ? page.before : page.after;
  if (at) {
    const [s, r, id] = [arg(at.sign), arg(at.rank), arg(at.id)];
    // Hottest first is (sign DESC, rank DESC, id ASC): rows strictly after the cursor, or strictly before it.
    where.push(backwards
      ? `(a.score_sign > ${s} OR (a.score_sign = ${s} AND (a.score_rank > ${r} OR (a.score_rank = ${r} AND a.id < ${id}))))`
      : `(a.score_sign < ${s} OR (a.score_sign = ${s} AND (a.score_rank < ${r} OR (a.score_rank = ${r} AND a.id > ${id}))))`);
  }
  const order = backwards ? "a.score_sign ASC, a.score_rank ASC, a.id DESC" : "a.score_sign DESC, a.score_rank DESC, a.id ASC";
  const sql = `SELECT a.* FROM accounts a WHERE ${where.join(" AND ")} ORDER BY ${order} LIMIT ${arg(limit)}`;
  const { results } = await db.prepare(sql).bind(...args).all<AccountRow>();
  const rows = results.map(accountOf);
  return backwards ? rows.reverse() : rows;
}
