// The disposition report's arithmetic: junk share per row, totals that add the rows up, revenue kept per currency.
import { describe, expect, it } from "vitest";
import { dispositionTable, ratio, type DispositionTally } from "../../worker/core/reports/dispositions";

const tally = (o: Partial<Omit<DispositionTally, "dispositions">> & { junk?: number; not_a_fit?: number; won?: number; lost?: number }): DispositionTally => ({
  leads: o.leads ?? 0,
  contacted: o.contacted ?? 0,
  dispositions: { junk: o.junk ?? 0, not_a_fit: o.not_a_fit ?? 0, won: o.won ?? 0, lost: o.lost ?? 0 },
  deals: o.deals ?? 0,
  revenue: o.revenue ?? {},
});

describe("ratio", () => {
  it.each([
    [1, 4, 0.25],
    [0, 3, 0],
    [2, 3, 0.666667],
    [5, 0, null],
    [0, 0, null],
  ])("%d / %d → %s", (n, d, expected) => {
    expect(ratio(n, d)).toBe(expected);
  });
});

describe("dispositionTable", () => {
  it.each([
    ["no leads at all", [], [], { leads: 0, junk_share: null, revenue: {} }],
    [
      "one source, half junk",
      [{ key: "google", ...tally({ leads: 4, contacted: 3, junk: 2, won: 1, deals: 1, revenue: { EUR: 1000 } }) }],
      [{ key: "google", leads: 4, contacted: 3, junk: 2, not_a_fit: 0, won: 1, lost: 0, deals: 1, revenue: { EUR: 1000 }, junk_share: 0.5 }],
      { leads: 4, contacted: 3, junk: 2, won: 1, deals: 1, revenue: { EUR: 1000 }, junk_share: 0.5 },
    ],
    [
      "two sources, most leads first, currencies kept apart and summed",
      [
        { key: "newsletter", ...tally({ leads: 1, lost: 1, deals: 1, revenue: { USD: 10.5 } }) },
        { key: "google", ...tally({ leads: 3, not_a_fit: 1, junk: 1, deals: 2, revenue: { USD: 0.1, EUR: 0.2 } }) },
      ],
      [
        { key: "google", leads: 3, contacted: 0, junk: 1, not_a_fit: 1, won: 0, lost: 0, deals: 2, revenue: { EUR: 0.2, USD: 0.1 }, junk_share: 0.333333 },
        { key: "newsletter", leads: 1, contacted: 0, junk: 0, not_a_fit: 0, won: 0, lost: 1, deals: 1, revenue: { USD: 10.5 }, junk_share: 0 },
      ],
      { leads: 4, junk: 1, not_a_fit: 1, lost: 1, deals: 3, revenue: { EUR: 0.2, USD: 10.6 }, junk_share: 0.25 },
    ],
    [
      "a tie on leads ordered by key",
      [{ key: "b", ...tally({ leads: 1 }) }, { key: "a", ...tally({ leads: 1 }) }],
      [expect.objectContaining({ key: "a" }), expect.objectContaining({ key: "b" })],
      { leads: 2, junk_share: 0 },
    ],
  ] as const)("%s", (_what, counts, rows, totals) => {
    const table = dispositionTable(counts as unknown as (DispositionTally & { key: string })[]);
    expect(table.rows).toEqual(rows);
    expect(table.totals).toMatchObject(totals);
  });

  it("never changes the counts it is given", () => {
    const counts = [{ key: "x", ...tally({ leads: 2, junk: 1, revenue: { EUR: 1 } }) }];
    const copy = structuredClone(counts);
    dispositionTable(counts);
    expect(counts).toEqual(copy);
  });
});
