// The archive's layout and file format: objects per site and day received, keys that a redelivery reproduces, the
// index rows, NDJSON read back with the event schema, and an erasure's rewrite.
import { describe, expect, it } from "vitest";
import { archiveIndexOf, archiveKeyOf, archiveObjectsOf } from "../../worker/core/archive/layout";
import { archiveWithout, decodeArchive, encodeArchive } from "../../worker/core/archive/ndjson";
import { event } from "./support/consumer";

const DAY1 = Date.UTC(2026, 10, 30, 23, 59);
const DAY2 = Date.UTC(2026, 11, 1, 0, 1);

const stored = (o: { site?: string; at: number; received_at?: number; profile: string; session?: string | null }) => ({
  event: event({ site: o.site ?? "s", at: o.at, received_at: o.received_at ?? o.at }),
  profile_id: o.profile,
  session_id: o.session ?? null,
});

describe("archiveObjectsOf", () => {
  const cases = [
    { name: "one site, one day: one object", events: [stored({ at: DAY1, profile: "p1" }), stored({ at: DAY1 - 1000, profile: "p2" })], keys: ["s/2026-11-30"] },
    { name: "the day is the day received, not the day it happened", events: [stored({ at: DAY1, received_at: DAY2, profile: "p1" })], keys: ["s/2026-12-01"] },
    { name: "two days: two objects", events: [stored({ at: DAY1, profile: "p1" }), stored({ at: DAY2, profile: "p1" })], keys: ["s/2026-11-30", "s/2026-12-01"] },
    { name: "two sites: two objects", events: [stored({ site: "a", at: DAY1, profile: "p1" }), stored({ site: "b", at: DAY1, profile: "p2" })], keys: ["a/2026-11-30", "b/2026-11-30"] },
    { name: "nothing stored: no object", events: [], keys: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const objects = archiveObjectsOf(c.events);
      expect(objects.map((o) => `${o.site}/${o.day}`).sort()).toEqual(c.keys);
      for (const o of objects) expect(o.key).toMatch(new RegExp(`^events/${o.site}/${o.day}/[0-9a-f]{32}\\.ndjson$`));
      expect(objects.flatMap((o) => o.lines.map((l) => l.id)).sort()).toEqual(c.events.map((e) => e.event.id).sort());
    });
  }

  it("orders lines by time and keeps the profile and session the plan gave each event", () => {
    const [late, early] = [stored({ at: DAY1, profile: "p1", session: "t1" }), stored({ at: DAY1 - 60_000, profile: "p2" })];
    const [object] = archiveObjectsOf([late, early]);
    expect(object!.lines).toEqual([
      { ...early.event, profile_id: "p2", session_id: null },
      { ...late.event, profile_id: "p1", session_id: "t1" },
    ]);
  });

  it("names an object by its events alone: the same events in another order give the same key, others another", () => {
    const events = [stored({ at: DAY1, profile: "p1" }), stored({ at: DAY1, profile: "p2" })];
    expect(archiveObjectsOf([...events].reverse())[0]!.key).toBe(archiveObjectsOf(events)[0]!.key);
    expect(archiveObjectsOf(events.slice(0, 1))[0]!.key).not.toBe(archiveObjectsOf(events)[0]!.key);
    expect(archiveKeyOf("s", "2026-11-30", ["x", "y"])).toBe(archiveKeyOf("s", "2026-11-30", ["y", "x"]));
  });
});

describe("archiveIndexOf", () => {
  it("gives one row per object and profile whose lines it holds", () => {
    const objects = archiveObjectsOf([
      stored({ at: DAY1, profile: "p1" }), stored({ at: DAY1, profile: "p1" }), stored({ at: DAY1, profile: "p2" }), stored({ at: DAY2, profile: "p1" }),
    ]);
    const rows = archiveIndexOf(objects).map((r) => `${r.day} ${r.profile_id}`).sort();
    expect(rows).toEqual(["2026-11-30 p1", "2026-11-30 p2", "2026-12-01 p1"]);
  });
});

describe("the NDJSON format", () => {
  const [object] = archiveObjectsOf([stored({ at: DAY1, profile: "p1" }), stored({ at: DAY1 + 1, profile: "p2" }), stored({ at: DAY1 + 2, profile: "p1" })]);
  const text = encodeArchive(object!.lines);

  it("reads back what it wrote, one line per event", () => {
    expect(text.split("\n").filter(Boolean)).toHaveLength(3);
    expect(decodeArchive(text)).toEqual({ lines: object!.lines, unreadable: 0 });
  });

  const damaged = [
    { name: "a torn last line", text: `${text}{"id":"e`, lines: 3, unreadable: 1 },
    { name: "a line of another shape", text: `${text}{"id":"x"}\n`, lines: 3, unreadable: 1 },
    { name: "blank lines", text: `\n${text}\n\n`, lines: 3, unreadable: 0 },
  ];
  for (const c of damaged) {
    it(`counts ${c.name} instead of returning it`, () => {
      const read = decodeArchive(c.text);
      expect({ lines: read.lines.length, unreadable: read.unreadable }).toEqual({ lines: c.lines, unreadable: c.unreadable });
    });
  }

  const erasures = [
    { name: "one person of two", ids: ["p1"], left: ["p2"], removed: 2 },
    { name: "nobody it holds", ids: ["p9"], left: ["p1", "p2", "p1"], removed: 0 },
    { name: "everybody: nothing is left", ids: ["p1", "p2"], left: null, removed: 3 },
  ];
  for (const c of erasures) {
    it(`archiveWithout ${c.name}`, () => {
      const rest = archiveWithout(text, new Set(c.ids));
      expect(rest.removed).toBe(c.removed);
      expect(rest.text === null ? null : decodeArchive(rest.text).lines.map((l) => l.profile_id)).toEqual(c.left);
    });
  }
});
