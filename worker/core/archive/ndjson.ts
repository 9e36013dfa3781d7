// The archive's file format: newline-delimited JSON, one ArchivedEvent per line, read back with the same schema.
import * as v from "valibot";
import { ArchivedEvent } from "../../../schema/event";

export function encodeArchive(lines: readonly ArchivedEvent[]): string {
  return lines.map((l) => `${JSON.stringify(l)}\n`).join("");
}

/** The lines of an object; a line that is not an ArchivedEvent (a torn or foreign write) is counted, not returned. */
export function decodeArchive(text: string): { lines: ArchivedEvent[]; unreadable: number } {
  const lines: ArchivedEvent[] = [];
  let unreadable = 0;
  for (const raw of text.split("\n")) {
    if (raw.trim() === "") continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      unreadable++;
      continue;
    }
    const parsed = v.safeParse(ArchivedEvent, json);
    if (parsed.success) lines.push(parsed.output);
    else unreadable++;
  }
  return { lines, unreadable };
}

/**
 * An object without the lines of some profiles (an erasure): null when nothing is left. Lines that cannot be read are
 * dropped too, since nobody can tell whose they are.
 */
export function archiveWithout(text: string, profileIds: ReadonlySet<string>): { text: string | null; removed: number } {
  const { lines, unreadable } = decodeArchive(text);
  const kept = lines.filter((l) => !profileIds.has(l.profile_id));
  return { text: kept.length ? encodeArchive(kept) : null, removed: lines.length - kept.length + unreadable };
}
