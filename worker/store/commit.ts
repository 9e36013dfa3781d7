// commit(db, plan): the one way a plan becomes rows. Everything a plan changes — profiles, identities, merges, events
// (and the index of their archive objects), touches, conversions and the journeys they make, routing (counters,
// deadlines), accounts, the webhook outbox and the stored-events counter — goes into a single db.batch(), which D1 runs
// as one transaction: a redelivered queue batch finds all of its events stored or none of them.
import type { Plan } from "../core/profiles/plan";
import { accountStatements } from "./accounts";
import { utcDay } from "../core/time";
import { archiveIndexStatements } from "./archive";
import { rebuildJourneys } from "./journeys";
import { jsonChunks } from "./json-chunks";
import { outboxStatements } from "./outbox";
import { COLUMNS, rowOf } from "./profile-rows";
import { routingStatements } from "./routing";
import { statsStatement } from "./stats";
import { mergeTombstones, notGone } from "./tombstones";

/** Every column read from the row's JSON; seq is handed out from the site's counter, in row order across chunks. */
const UPSERT_PROFILES = `
INSERT INTO profiles (${COLUMNS.join(", ")})
SELECT ${COLUMNS.map((c) => (c === "seq" ? "(SELECT seq FROM sites WHERE id = ?1) - ?2 + j.key + 1" : `j.value->>'${c}'`)).join(", ")}
FROM json_each(?3) j WHERE ${notGone("?1", "j.value->>'id'")}
ON CONFLICT (id) DO UPDATE SET ${COLUMNS.filter((c) => c !== "id" && c !== "site").map((c) => `${c} = excluded.${c}`).join(", ")}`;

const INSERT_EVENTS = `
INSERT OR IGNORE INTO events (site, id, profile_id, session_id, type, name, at, received_at, url, data)
SELECT j.value->>'site', j.value->>'id', j.value->>'profile_id', j.value->>'session_id', j.value->>'type',
       j.value->>'name', j.value->>'at', j.value->>'received_at', j.value->>'url', j.value->>'data'
FROM json_each(?1) j WHERE ${notGone("j.value->>'site'", "j.value->>'profile_id'")}`;

const INSERT_TOUCHES = `
INSERT OR IGNORE INTO touches (site, id, profile_id, at, channel, source, medium, campaign, term, content, referrer, landing_page, click_id, click_id_value)
SELECT j.value->>'site', j.value->>'session_id', j.value->>'profile_id', j.value->>'at_ms', j.value->>'channel',
       j.value->>'source', j.value->>'medium', j.value->>'campaign', j.value->>'term', j.value->>'content',
       j.value->>'referrer', j.value->>'landing_page', j.value->>'click_id', j.value->>'click_id_value'
FROM json_each(?1) j WHERE ${notGone("j.value->>'site'", "j.value->>'profile_id'")}`;

const INSERT_CONVERSIONS = `
INSERT OR IGNORE INTO conversions (site, id, profile_id, kind, name, at, value, currency)
SELECT j.value->>'site', j.value->>'id', j.value->>'profile_id', j.value->>'kind', j.value->>'name', j.value->>'at', j.value->>'value', j.value->>'currency'
FROM json_each(?1) j WHERE ${notGone("j.value->>'site'", "j.value->>'profile_id'")}`;

const UPSERT_IDENTITIES = `
INSERT INTO identities (site, kind, value, profile_id, created_at)
SELECT j.value->>'site', j.value->>'kind', j.value->>'value', j.value->>'profile_id', ?2 FROM json_each(?1) j
WHERE ${notGone("j.value->>'site'", "j.value->>'profile_id'")}
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

/** Tables whose rows belong to a profile and follow it through a merge. */
export const PROFILE_OWNED = ["events", "touches", "conversions", "identities", "identity_rejections"] as const;

/** Profiles whose journeys a plan changes: those it adds a touch or conversion to, merges or deletes. */
function journeyOwners(plan: Plan): string[] {
  return [...new Set([
    ...plan.touches.map((t) => t.profile_id),
    ...plan.conversions.map((c) => c.profile_id),
    ...plan.merges.flatMap((m) => [m.from_id, m.into_id]),
    ...plan.deleted,
  ])];
}

function statements(db: D1Database, plan: Plan, now: number): D1PreparedStatement[] {
  const out: D1PreparedStatement[] = [];
  for (const [site, profiles] of Map.groupBy(plan.profiles, (p) => p.site)) {
    out.push(db.prepare("UPDATE sites SET seq = seq + ?2 WHERE id = ?1").bind(site, profiles.length));
    let offset = 0;
    for (const chunk of jsonChunks(profiles.map(rowOf))) {
      out.push(db.prepare(UPSERT_PROFILES).bind(site, profiles.length - offset, chunk.json));
      offset += chunk.count;
    }
  }
  const events = plan.events.map(({ event: e, profile_id, session_id }) => ({
    site: e.site, id: e.id, profile_id, session_id, type: e.type, name: e.name, at: e.at, received_at: e.received_at, url: e.url,
    data: JSON.stringify({ title: e.title, props: e.props, traits: e.traits, device: e.device, geo: e.geo, touch: e.touch, origin: e.origin }),
  }));
  for (const chunk of jsonChunks(events)) out.push(db.prepare(INSERT_EVENTS).bind(chunk.json));
  out.push(...archiveIndexStatements(db, plan.archived));
  for (const chunk of jsonChunks(plan.touches.map((t) => ({ ...t, at_ms: Date.parse(t.at) })))) out.push(db.prepare(INSERT_TOUCHES).bind(chunk.json));
  for (const chunk of jsonChunks(plan.conversions)) out.push(db.prepare(INSERT_CONVERSIONS).bind(chunk.json));
  for (const chunk of jsonChunks(plan.identities)) out.push(db.prepare(UPSERT_IDENTITIES).bind(chunk.json, now));
  for (const chunk of jsonChunks(plan.rejections)) out.push(db.prepare(INSERT_REJECTIONS).bind(chunk.json));
  if (plan.merges.length) {
    const merges = JSON.stringify(plan.merges);
    for (const table of PROFILE_OWNED) out.push(db.prepare(REDIRECT(table)).bind(merges));
    out.push(db.prepare(INSERT_MERGES).bind(merges), db.prepare(FLATTEN_MERGES).bind(merges));
    out.push(...mergeTombstones(db, plan.merges, now));
    out.push(db.prepare("DELETE FROM profiles WHERE id IN (SELECT value FROM json_each(?1))").bind(JSON.stringify(plan.deleted)));
  }
  const owners = journeyOwners(plan);
  if (owners.length) out.push(...rebuildJourneys(db, JSON.stringify(owners)));
  const stored = [...Map.groupBy(plan.events, (e) => e.event.site)].map(([site, rows]) => ({ site, day: utcDay(now), metric: "stored", n: rows.length }));
  if (stored.length) out.push(statsStatement(db, stored));
  out.push(...routingStatements(db, plan));
  out.push(...accountStatements(db, plan));
  out.push(...outboxStatements(db, plan, now));
  return out;
}

/** Carries out a plan in one transaction; throws (and changes nothing) when D1 fails. */
export async function commit(db: D1Database, plan: Plan, now: number): Promise<void> {
  const batch = statements(db, plan, now);
  if (batch.length) await db.batch(batch);
}
