// The consumer's reads and its one write: everything a queue batch changes goes in a single db.batch() (a
// transaction), so a redelivered batch either finds all of its events stored or none of them.
import type { CollectedEvent } from "../../schema/event";
import type { ScoringConfig } from "../../schema/scoring";
import type { KnownState, Plan } from "../core/profiles/plan";
import { identifiersOf, identityKey } from "../core/profiles/plan";
import type { IdentityKind } from "../core/profiles/identity";
import type { ProfileRecord } from "../core/profiles/profile";
import { outboxStatements } from "./outbox";
import { jsonChunks } from "./json-chunks";
import { recordOf, rowOf, type ProfileRow } from "./profile-rows";
import { scoringOf } from "./sites";
import { statsStatement } from "./stats";
import { utcDay } from "../core/time";

export interface Loaded extends KnownState {
  /** events not stored yet (a redelivery finds none) */
  fresh: CollectedEvent[];
}

export async function loadKnown(db: D1Database, events: CollectedEvent[]): Promise<Loaded> {
  const unique = [...new Map(events.map((e) => [`${e.site}\u0000${e.id}`, e])).values()];
  const idKeys = unique.flatMap((e) => identifiersOf(e).map((i) => [e.site, i.kind, i.value]));
  const sites = [...new Set(unique.map((e) => e.site))];
  const [stored, identities, siteRows] = await db.batch<Record<string, unknown>>([
    db.prepare("SELECT e.site, e.id FROM json_each(?1) j JOIN events e ON e.site = j.value->>0 AND e.id = j.value->>1")
      .bind(JSON.stringify(unique.map((e) => [e.site, e.id]))),
    db.prepare("SELECT i.site, i.kind, i.value, i.profile_id FROM json_each(?1) j JOIN identities i ON i.site = j.value->>0 AND i.kind = j.value->>1 AND i.value = j.value->>2")
      .bind(JSON.stringify(idKeys)),
    db.prepare("SELECT id, scoring FROM sites WHERE id IN (SELECT value FROM json_each(?1))").bind(JSON.stringify(sites)),
  ]);
  const seen = new Set(stored!.results.map((r) => `${r.site}\u0000${r.id}`));
  const known = new Map<string, string>();
  for (const r of identities!.results) known.set(identityKey(String(r.site), r.kind as IdentityKind, String(r.value)), String(r.profile_id));
  const configs = new Map<string, ScoringConfig>(siteRows!.results.map((r) => [String(r.id), scoringOf(r.scoring as string | null)]));
  const ids = [...new Set(known.values())];
  const rows = ids.length
    ? (await db.prepare("SELECT * FROM profiles WHERE id IN (SELECT value FROM json_each(?1))").bind(JSON.stringify(ids)).all<ProfileRow>()).results
    : [];
  return {
    fresh: unique.filter((e) => !seen.has(`${e.site}\u0000${e.id}`)),
    identities: known,
    profiles: new Map<string, ProfileRecord>(rows.map((r) => [r.id, recordOf(r)])),
    scoring: (site) => configs.get(site) ?? scoringOf(null),
  };
}

const UPSERT_PROFILES = `
INSERT INTO profiles (id, site, user_id, email, stage, label, score, grade, quality, doc, first_seen, last_seen, updated_at, seq)
SELECT j.value->>'id', j.value->>'site', j.value->>'user_id', j.value->>'email', j.value->>'stage', j.value->>'label',
       j.value->>'score', j.value->>'grade', j.value->>'quality', j.value->>'doc', j.value->>'first_seen',
       j.value->>'last_seen', j.value->>'updated_at', (SELECT seq FROM sites WHERE id = ?1) - ?2 + j.key + 1
FROM json_each(?3) j WHERE true
ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, email = excluded.email, stage = excluded.stage,
  label = excluded.label, score = excluded.score, grade = excluded.grade, quality = excluded.quality, doc = excluded.doc,
  first_seen = excluded.first_seen, last_seen = excluded.last_seen, updated_at = excluded.updated_at, seq = excluded.seq`;

const INSERT_EVENTS = `
INSERT OR IGNORE INTO events (site, id, profile_id, session_id, type, name, at, received_at, url, data)
SELECT j.value->>'site', j.value->>'id', j.value->>'profile_id', j.value->>'session_id', j.value->>'type',
       j.value->>'name', j.value->>'at', j.value->>'received_at', j.value->>'url', j.value->>'data'
FROM json_each(?1) j`;

const INSERT_TOUCHES = `
INSERT OR IGNORE INTO touches (site, id, profile_id, at, channel, source, medium, campaign, term, content, referrer, landing_page, click_id)
SELECT j.value->>'site', j.value->>'session_id', j.value->>'profile_id', j.value->>'at_ms', j.value->>'channel',
       j.value->>'source', j.value->>'medium', j.value->>'campaign', j.value->>'term', j.value->>'content',
       j.value->>'referrer', j.value->>'landing_page', j.value->>'click_id'
FROM json_each(?1) j`;

const INSERT_CONVERSIONS = `
INSERT OR IGNORE INTO conversions (id, site, profile_id, kind, name, at, value)
SELECT j.value->>'id', j.value->>'site', j.value->>'profile_id', j.value->>'kind', j.value->>'name', j.value->>'at', j.value->>'value'
FROM json_each(?1) j`;

const UPSERT_IDENTITIES = `
INSERT INTO identities (site, kind, value, profile_id, created_at)
SELECT j.value->>'site', j.value->>'kind', j.value->>'value', j.value->>'profile_id', ?2 FROM json_each(?1) j WHERE true
ON CONFLICT (site, kind, value) DO UPDATE SET profile_id = excluded.profile_id`;

const INSERT_REJECTIONS = `
INSERT INTO identity_rejections (site, profile_id, kind, value, reason, at)
SELECT j.value->>'site', j.value->>'profile_id', j.value->>'kind', j.value->>'value', j.value->>'reason', j.value->>'at'
FROM json_each(?1) j`;

/** Rows that pointed at a merged-away profile now point at its survivor. */
const REDIRECT = (table: string) => `
UPDATE ${table} SET profile_id = (SELECT m.value->>'into_id' FROM json_each(?1) m WHERE m.value->>'from_id' = ${table}.profile_id)
WHERE profile_id IN (SELECT m.value->>'from_id' FROM json_each(?1) m)`;

const INSERT_MERGES = `
INSERT OR REPLACE INTO merges (site, from_id, into_id, reason, at)
SELECT j.value->>'site', j.value->>'from_id', j.value->>'into_id', j.value->>'reason', j.value->>'at' FROM json_each(?1) j`;

const FLATTEN_MERGES = `
UPDATE merges SET into_id = (SELECT m.value->>'into_id' FROM json_each(?1) m WHERE m.value->>'from_id' = merges.into_id)
WHERE into_id IN (SELECT m.value->>'from_id' FROM json_each(?1) m)`;

/** The statements that carry out a plan, in order; callers may append their own (stats, outbox) to the same batch. */
export function planStatements(db: D1Database, plan: Plan, now: number): D1PreparedStatement[] {
  const out: D1PreparedStatement[] = [];
  const bySite = Map.groupBy(plan.profiles, (p) => p.site);
  for (const [site, profiles] of bySite) {
    out.push(db.prepare("UPDATE sites SET seq = seq + ?2 WHERE id = ?1").bind(site, profiles.length));
    // Sequence numbers are handed out in row order across chunks: the offset says where a chunk starts.
    let offset = 0;
    for (const chunk of jsonChunks(profiles.map(rowOf))) {
      out.push(db.prepare(UPSERT_PROFILES).bind(site, profiles.length - offset, chunk.json));
      offset += chunk.count;
    }
  }
  const json = (rows: unknown[]) => JSON.stringify(rows);
  if (plan.events.length) {
    const rows = plan.events.map(({ event: e, profile_id, session_id }) => ({
      site: e.site, id: e.id, profile_id, session_id, type: e.type, name: e.name, at: e.at, received_at: e.received_at, url: e.url,
      data: JSON.stringify({ title: e.title, props: e.props, traits: e.traits, device: e.device, geo: e.geo, touch: e.touch, origin: e.origin }),
    }));
    for (const chunk of jsonChunks(rows)) out.push(db.prepare(INSERT_EVENTS).bind(chunk.json));
  }
  for (const chunk of jsonChunks(plan.touches.map((t) => ({ ...t, at_ms: Date.parse(t.at) })))) out.push(db.prepare(INSERT_TOUCHES).bind(chunk.json));
  for (const chunk of jsonChunks(plan.conversions)) out.push(db.prepare(INSERT_CONVERSIONS).bind(chunk.json));
  for (const chunk of jsonChunks(plan.identities)) out.push(db.prepare(UPSERT_IDENTITIES).bind(chunk.json, now));
  for (const chunk of jsonChunks(plan.rejections)) out.push(db.prepare(INSERT_REJECTIONS).bind(chunk.json));
  if (plan.merges.length) {
    const merges = json(plan.merges);
    for (const table of ["events", "touches", "conversions", "identities", "identity_rejections"]) out.push(db.prepare(REDIRECT(table)).bind(merges));
    out.push(db.prepare(INSERT_MERGES).bind(merges), db.prepare(FLATTEN_MERGES).bind(merges));
    out.push(db.prepare("DELETE FROM profiles WHERE id IN (SELECT value FROM json_each(?1))").bind(json(plan.deleted)));
  }
  const stored = Map.groupBy(plan.events, (e) => e.event.site);
  const stats = [...stored].map(([site, rows]) => ({ site, day: utcDay(now), metric: "stored", n: rows.length }));
  if (stats.length) out.push(statsStatement(db, stats));
  out.push(...outboxStatements(db, plan, now));
  return out;
}
