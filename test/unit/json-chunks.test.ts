// Rows for json_each are split so no bound value reaches D1's 1 MB limit, and none is lost or reordered.
import { describe, expect, it } from "vitest";
import { jsonChunks } from "../../worker/store/json-chunks";

describe("jsonChunks", () => {
  it("keeps every row once, in order, within the character budget", () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ i, pad: "é".repeat(i % 300) }));
    const chunks = jsonChunks(rows, 10_000);
    expect(chunks.length).toBeGreaterThan(10);
    for (const c of chunks) {
      expect(c.json.length).toBeLessThanOrEqual(10_000);
      expect(JSON.parse(c.json)).toHaveLength(c.count);
    }
    expect(chunks.flatMap((c) => JSON.parse(c.json))).toEqual(rows);
  });

  it("gives a row larger than the budget a chunk of its own", () => {
    const chunks = jsonChunks([{ a: 1 }, { big: "x".repeat(500) }, { b: 2 }], 100);
    expect(chunks.map((c) => c.count)).toEqual([1, 1, 1]);
  });

  it("returns nothing for no rows", () => {
    expect(jsonChunks([])).toEqual([]);
  });
});
