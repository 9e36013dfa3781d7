// Reads for rescoring: a page of a site's profiles with their events and session starts. Events D1 no longer holds
// (purged by retention) are read back from the R2 archive, through merges, and folded with D1's by event id.
import type { ScoringEvent } from "../core/scoring";
import type { ScoringHistory } from "../core/profiles/replan";
import { pathOf } from "../core/events/normalize";
import { utcDay } from "../core/time";
import { archivedKeysOf, archivedLines } from "./archive";
import { recordOf, type ProfileRow } from "./profile-rows";

/** Archive objects one page reads at most: a page ends early rather than hold more (a person alone always gets a page). */
export const ARCHIVE_OBJECTS_PER_PAGE = 400;

export interface HistoriesPage {
  histories: ScoringHistory[];
  /** the last profile of the page: the next one starts after it (null: the site has none after `after`) */
  last: string | null;
  /** profiles may follow */
  more: boolean;
}

export interface HistoriesQuery {
  site: string;
  after: string | null;
  limit: number;
}

type Event = ScoringEvent & { id: string };

const eventOf = (e: { id: string; type: string; name: string | null; url: string | null; at: number; props: Record<string, unknown> }): Event => ({
  id: e.id, type: e.type, name: e.name, url: e.url, path: pathOf(e.url), props: e.props, at: e.at,
});

/** The longest prefix of `ids` whose objects stay within the budget (at least one profile). */
function withinBudget(ids: string[], objects: Map<string, Set<string>>): string[] {
  let used = 0;
  const kept: string[] = [];
  for (const id of ids) {
    used += objects.get(id)?.size ?? 0;
    if (kept.length && used > ARCHIVE_OBJECTS_PER_PAGE) break;
    kept.push(id);
  }
  return kept;
}

/**
 * A page of profiles with their whole history. D1's events, touches, merges and how far the retention purge reached
 * are read in one batch (one snapshot): every event D1 does not hold then was received before that mark, so the
 * archive is read for the days up to it — whatever the retention is now.
 */
export async function historiesPage(db: D1Database, archive: R2Bucket, q: HistoriesQuery): Promise<HistoriesPage> {
  const { results: page } = await db
    .prepare("SELECT * FROM profiles WHERE site = ?1 AND id > ?2 ORDER BY id LIMIT ?3")
    .bind(q.site, q.after ?? "", q.limit)
    .all<ProfileRow>();
  if (page.length === 0) return { histories: [], last: null, more: false };
  const pageIds = JSON.stringify(page.map((r) => r.id));
  const [merged, events, touches, purged] = await db.batch<Record<string, unknown>>([
    db.prepare("SELECT from_id, into_id FROM merges WHERE into_id IN (SELECT value FROM json_each(?1))").bind(pageIds),
    db.prepare("SELECT id, profile_id, type, name, url, at, data->>'props' AS props FROM events WHERE profile_id IN (SELECT value FROM json_each(?1))").bind(pageIds),
    db.prepare("SELECT profile_id, at FROM touches WHERE profile_id IN (SELECT value FROM json_each(?1))").bind(pageIds),
    db.prepare("SELECT before FROM events_purged WHERE site = ?1").bind(q.site),
  ]);
  const survivor = new Map<string, string>([
    ...page.map((r) => [r.id, r.id] as const),
    ...merged!.results.map((m) => [String(m.from_id), String(m.into_id)] as const),
  ]);
  const purgedBefore = purged!.results[0]?.before;
  const indexed = purgedBefore == null ? [] : await archivedKeysOf(db, { site: q.site, ids: [...survivor.keys()], upToDay: utcDay(Number(purgedBefore)) });
  const objects = new Map<string, Set<string>>();
  for (const r of indexed) {
    const id = survivor.get(r.profile_id)!;
    objects.set(id, (objects.get(id) ?? new Set()).add(r.key));
  }
  const kept = withinBudget(page.map((r) => r.id), objects);
  const keptSet = new Set(kept);
  const byProfile = new Map<string, Map<string, Event>>(kept.map((id) => [id, new Map()]));
  for (const e of events!.results) {
    const event = eventOf({ id: String(e.id), type: String(e.type), name: (e.name as string | null) ?? null, url: (e.url as string | null) ?? null, at: Number(e.at), props: e.props ? (JSON.parse(String(e.props)) as Record<string, unknown>) : {} });
    byProfile.get(String(e.profile_id))?.set(event.id, event);
  }
  const ids = [...survivor].filter(([, into]) => keptSet.has(into)).map(([from]) => from);
  const keys = kept.flatMap((id) => [...(objects.get(id) ?? [])]);
  for (const line of await archivedLines(archive, keys, new Set(ids))) {
    const own = byProfile.get(survivor.get(line.profile_id)!)!;
    if (!own.has(line.id)) own.set(line.id, eventOf(line));
  }
  const histories = page.filter((r) => keptSet.has(r.id)).map((row) => ({
    profile: recordOf(row),
    events: [...byProfile.get(row.id)!.values()].map(({ id: _, ...e }) => e),
    sessions: touches!.results.filter((t) => t.profile_id === row.id).map((t) => Number(t.at)),
  }));
  return { histories, last: kept[kept.length - 1]!, more: kept.length < page.length || page.length === q.limit };
}
