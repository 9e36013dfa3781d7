// Export and erasure of one person: everything stored about a profile, and deleting all of it.
import type { ArchivedEvent } from "../../schema/event";
import type { ProfileStub } from "../core/webhooks/payload";
import { archiveErasureStatements, archivedKeysOf, archivedLines } from "./archive";
import { PROFILE_OWNED } from "./commit";
import { removeJourneys } from "./journeys";
import type { Plan } from "../core/profiles/plan";
import { accountStatements } from "./accounts";
import { erasureOutboxStatements, outboxStatements } from "./outbox";
import { recordOf, type ProfileRow } from "./profile-rows";
import { erasureTombstones } from "./tombstones";

/** The profile and every merged-away id that resolves to it. */
async function idsOf(db: D1Database, id: string): Promise<string[]> {
  const { results } = await db.prepare("SELECT from_id FROM merges WHERE into_id = ?1").bind(id).all<{ from_id: string }>();
  return [id, ...results.map((r) => r.from_id)];
}

/** An archived line as the events table would hold it: what an export shows for events D1 no longer keeps. */
function eventRowOf(l: ArchivedEvent) {
  const { title, props, traits, device, geo, touch, origin } = l;
  return { site: l.site, id: l.id, profile_id: l.profile_id, session_id: l.session_id, type: l.type, name: l.name, at: l.at, received_at: l.received_at, url: l.url, data: { title, props, traits, device, geo, touch, origin } };
}

/** Everything stored about a person: D1's rows, and archived events older than D1's retention. */
export async function exportProfile(db: D1Database, archive: R2Bucket, id: string) {
  const all = await idsOf(db, id);
  const ids = JSON.stringify(all);
  const inIds = "profile_id IN (SELECT value FROM json_each(?1))";
  const [profile, events, touches, conversions, identities, rejections, merges] = await db.batch<Record<string, unknown>>([
    db.prepare("SELECT * FROM profiles WHERE id = ?1").bind(id),
    db.prepare(`SELECT * FROM events WHERE ${inIds} ORDER BY at`).bind(ids),
    db.prepare(`SELECT * FROM touches WHERE ${inIds} ORDER BY at`).bind(ids),
    db.prepare(`SELECT * FROM conversions WHERE ${inIds} ORDER BY at`).bind(ids),
    db.prepare(`SELECT kind, value, created_at FROM identities WHERE ${inIds}`).bind(ids),
    db.prepare(`SELECT kind, value, reason, at FROM identity_rejections WHERE ${inIds}`).bind(ids),
    db.prepare("SELECT * FROM merges WHERE into_id = ?1").bind(id),
  ]);
  const row = profile!.results[0] as unknown as ProfileRow | undefined;
  const stored: Record<string, unknown>[] = events!.results.map((e) => ({ ...e, data: JSON.parse(String(e.data)) }));
  const seen = new Set(stored.map((e) => String(e.id)));
  const archived = [];
  for (const line of await archivedLines(archive, (await archivedKeysOf(db, { site: row?.site ?? "", ids: all })).map((k) => k.key), new Set(all))) {
    if (seen.has(line.id)) continue;
    seen.add(line.id);
    archived.push(eventRowOf(line));
  }
  return {
    record: row ? recordOf(row) : null,
    events: [...stored, ...archived].sort((a, b) => Number(a.at) - Number(b.at)),
    touches: touches!.results,
    conversions: conversions!.results,
    identities: identities!.results,
    identity_rejections: rejections!.results,
    merges: merges!.results,
  };
}

/**
 * Deletes the profile, its merged-away ids and every row about them in one transaction, with profile.deleted in the
 * outbox, a tombstone for the feed, the ids whose archived lines must go (sweepArchiveErasures removes them) — and the
 * person's account summed again without them (`account`: planned by core/accounts/plan-accounts.ts).
 */
export async function erase(db: D1Database, person: ProfileStub, now: number, account: Pick<Plan, "accounts" | "transitions"> = { accounts: [], transitions: [] }): Promise<void> {
  const id = person.id;
  const all = await idsOf(db, id);
  const ids = JSON.stringify(all);
  await db.batch([
    ...accountStatements(db, account),
    ...outboxStatements(db, { ...account, profiles: [] }, now),
    ...erasureOutboxStatements(db, person, now),
    ...erasureTombstones(db, person.site, all, now),
    ...archiveErasureStatements(db, person.site, all, now),
    ...removeJourneys(db, ids),
    ...PROFILE_OWNED.map((t) => db.prepare(`DELETE FROM ${t} WHERE profile_id IN (SELECT value FROM json_each(?1))`).bind(ids)),
    db.prepare("DELETE FROM merges WHERE into_id = ?1 OR from_id IN (SELECT value FROM json_each(?2))").bind(id, ids),
    db.prepare("DELETE FROM profiles WHERE id IN (SELECT value FROM json_each(?1))").bind(ids),
  ]);
}

/**
 * Retention: raw events older than each site's retention leave D1 (the R2 archive keeps them); profiles keep their
 * aggregates (counts, touches, scores). Each purge also records how far it reached in `events_purged`, never moving
 * it back (a retention raised later does not bring events back): rescoring reads the archive up to there.
 */
export async function purgeExpiredEvents(db: D1Database, now: number): Promise<number> {
  const { results } = await db.prepare("SELECT id, COALESCE(settings->>'retention_days', 396) AS days FROM sites").all<{ id: string; days: number }>();
  if (results.length === 0) return 0;
  const cutoffs = results.map((s) => ({ site: s.id, before: now - s.days * 86_400_000 }));
  const done = await db.batch([
    db.prepare(`INSERT INTO events_purged (site, before) SELECT j.value->>'site', j.value->>'before' FROM json_each(?1) j WHERE true
      ON CONFLICT (site) DO UPDATE SET before = MAX(before, excluded.before)`).bind(JSON.stringify(cutoffs)),
    ...cutoffs.map((c) => db.prepare("DELETE FROM events WHERE site = ?1 AND received_at < ?2").bind(c.site, c.before)),
  ]);
  return done.slice(1).reduce((n, r) => n + r.meta.changes, 0);
}
