// Export and erasure of one person: everything stored about a profile, and deleting all of it.
import type { ProfileStub } from "../core/webhooks/payload";
import { PROFILE_OWNED } from "./commit";
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

export async function exportProfile(db: D1Database, id: string) {
  const ids = JSON.stringify(await idsOf(db, id));
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
  return {
    record: row ? recordOf(row) : null,
    events: events!.results.map((e) => ({ ...e, data: JSON.parse(String(e.data)) })),
    touches: touches!.results,
    conversions: conversions!.results,
    identities: identities!.results,
    identity_rejections: rejections!.results,
    merges: merges!.results,
  };
}

/**
 * Deletes the profile, its merged-away ids and every row about them in one transaction, with profile.deleted in the
 * outbox, a tombstone for the feed — and the person's account summed again without them (`account`: planned by core/accounts/plan-accounts.ts).
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
    ...PROFILE_OWNED.map((t) => db.prepare(`DELETE FROM ${t} WHERE profile_id IN (SELECT value FROM json_each(?1))`).bind(ids)),
    db.prepare("DELETE FROM merges WHERE into_id = ?1 OR from_id IN (SELECT value FROM json_each(?2))").bind(id, ids),
    db.prepare("DELETE FROM profiles WHERE id IN (SELECT value FROM json_each(?1))").bind(ids),
  ]);
}

/** Retention: raw events older than each site's retention go; profiles keep their aggregates (counts, touches, scores). */
export async function purgeExpiredEvents(db: D1Database, now: number): Promise<number> {
  const { results } = await db.prepare("SELECT id, COALESCE(settings->>'retention_days', 396) AS days FROM sites").all<{ id: string; days: number }>();
  if (results.length === 0) return 0;
  const done = await db.batch(
    results.map((s) => db.prepare("DELETE FROM events WHERE site = ?1 AND received_at < ?2").bind(s.id, now - s.days * 86_400_000)),
  );
  return done.reduce((n, r) => n + r.meta.changes, 0);
}
