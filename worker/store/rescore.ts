// Reads for rescoring: a page of a site's profiles with their retained events and session starts.
import type { ScoringHistory } from "../core/profiles/replan";
import { pathOf } from "../core/events/normalize";
import { recordOf, type ProfileRow } from "./profile-rows";

export async function historiesPage(db: D1Database, site: string, after: string | null, limit: number): Promise<ScoringHistory[]> {
  const { results: rows } = await db
    .prepare("SELECT * FROM profiles WHERE site = ?1 AND id > ?2 ORDER BY id LIMIT ?3")
    .bind(site, after ?? "", limit)
    .all<ProfileRow>();
  if (rows.length === 0) return [];
  const ids = JSON.stringify(rows.map((r) => r.id));
  const [events, touches] = await db.batch<Record<string, unknown>>([
    db.prepare("SELECT profile_id, type, name, url, at, data->>'props' AS props FROM events WHERE profile_id IN (SELECT value FROM json_each(?1))").bind(ids),
    db.prepare("SELECT profile_id, at FROM touches WHERE profile_id IN (SELECT value FROM json_each(?1))").bind(ids),
  ]);
  return rows.map((row) => ({
    profile: recordOf(row),
    events: events!.results
      .filter((e) => e.profile_id === row.id)
      .map((e) => ({
        type: String(e.type), name: (e.name as string | null) ?? null, url: (e.url as string | null) ?? null, path: pathOf((e.url as string | null) ?? null),
        props: e.props ? (JSON.parse(String(e.props)) as Record<string, unknown>) : {}, at: Number(e.at),
      })),
    sessions: touches!.results.filter((t) => t.profile_id === row.id).map((t) => Number(t.at)),
  }));
}
