// Where an archived event lives in R2: one NDJSON object per site, UTC day received and queue batch, named by the ids
// of its events, so writing the same events again replaces the object instead of adding a copy.
import { createHash } from "node:crypto";
import type { ArchivedEvent, CollectedEvent } from "../../../schema/event";
import { utcDay } from "../time";

export interface ArchiveObject {
  key: string;
  site: string;
  /** the UTC day the events were received, YYYY-MM-DD */
  day: string;
  /** in time order */
  lines: ArchivedEvent[];
}

/** One row of the D1 index: this object holds lines of this profile (as the lines name it). */
export interface ArchiveIndexRow {
  site: string;
  profile_id: string;
  key: string;
  day: string;
}

/** The prefix of all of a site's objects. */
export const archivePrefixOf = (site: string): string => `events/${site}/`;

/** events/{site}/{day}/{batch}.ndjson, the batch being 128 bits of SHA-256 over the sorted event ids. */
export function archiveKeyOf(site: string, day: string, eventIds: readonly string[]): string {
  const batch = createHash("sha256").update([...eventIds].sort().join("\n")).digest("hex").slice(0, 32);
  return `${archivePrefixOf(site)}${day}/${batch}.ndjson`;
}

/** A plan's stored events (with the profile and session the plan gave each) as objects, per site and day received. */
export function archiveObjectsOf(stored: readonly { event: CollectedEvent; profile_id: string; session_id: string | null }[]): ArchiveObject[] {
  // A plain loop, not Map.groupBy: the core also runs in Node 20 (unit tests, bench), which lacks it.
  const groups = new Map<string, (typeof stored)[number][]>();
  for (const s of stored) {
    const at = `${s.event.site}\u0000${utcDay(s.event.received_at)}`;
    const group = groups.get(at);
    if (group) group.push(s);
    else groups.set(at, [s]);
  }
  return [...groups.values()].map((group) => {
    const { site, received_at } = group[0]!.event;
    const day = utcDay(received_at);
    const lines = group
      .map(({ event, profile_id, session_id }) => ({ ...event, profile_id, session_id }))
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { key: archiveKeyOf(site, day, lines.map((l) => l.id)), site, day, lines };
  });
}

/** Which objects hold which profile's lines. */
export function archiveIndexOf(objects: readonly ArchiveObject[]): ArchiveIndexRow[] {
  return objects.flatMap((o) => [...new Set(o.lines.map((l) => l.profile_id))].map((profile_id) => ({ site: o.site, profile_id, key: o.key, day: o.day })));
}
