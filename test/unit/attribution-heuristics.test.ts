// Edge cases of every model on hand-computed journeys: one touch, two touches, Direct-only, empty, zero value.
import { describe, expect, it } from "vitest";
import { attribute, MODELS, type Journey, type JourneyTouch, type Model } from "../../worker/core/attribution/index";

const DAY = 86_400_000;
const AT = 100 * DAY;

/** A touch `daysBefore` days before AT; channel defaults to a non-Direct one. */
const touch = (key: string, daysBefore = 0, channel = "Organic Search"): JourneyTouch => ({
  key,
  channel,
  at: AT - daysBefore * DAY,
});
const converting = (touches: JourneyTouch[], conversions = 1, value = 10): Journey => ({
  touches,
  conversions,
  value,
  nulls: 0,
  at: AT,
});

interface Case {
  name: string;
  model: Model;
  journeys: Journey[];
  /** Expected conversion credit per key; keys not listed must get 0. */
  expected: Record<string, number>;
  options?: { halfLifeDays?: number };
}

const oneTouch = [converting([touch("a")], 3, 30)];
const twoTouches = [converting([touch("search", 7), touch("home", 0, "Direct")])];
const directOnly = [converting([touch("d1", 2, "Direct"), touch("d2", 1, "Direct")])];
const noTouch = [converting([], 2, 5)];
const fourTouches = [converting([touch("a", 3), touch("b", 2), touch("c", 1), touch("d", 0)], 10)];
const repeats = [converting([touch("a", 2), touch("a", 1), touch("b", 0)], 6)];

const cases: Case[] = [
  ...MODELS.map((model) => ({ name: "one touch takes everything", model, journeys: oneTouch, expected: { a: 3 } })),
  ...MODELS.map((model) => ({
    name: "a conversion with no touch goes to (none)",
    model,
    journeys: noTouch,
    expected: { "(none)": 2 },
  })),
  { name: "first of two", model: "first_touch", journeys: twoTouches, expected: { search: 1 } },
  { name: "last of two", model: "last_touch", journeys: twoTouches, expected: { home: 1 } },
  { name: "skips the Direct last touch", model: "last_non_direct", journeys: twoTouches, expected: { search: 1 } },
  { name: "two touches split evenly", model: "linear", journeys: twoTouches, expected: { search: 0.5, home: 0.5 } },
  { name: "two touches split 50/50", model: "position_based", journeys: twoTouches, expected: { search: 0.5, home: 0.5 } },
  { name: "two distinct keys share", model: "shapley", journeys: twoTouches, expected: { search: 0.5, home: 0.5 } },
  // Both keys are needed for the only path, so each removal kills every conversion: effects 1 and 1.
  { name: "both keys essential", model: "markov", journeys: twoTouches, expected: { search: 0.5, home: 0.5 } },
  // 7 days at a 7-day half-life weighs 1/2 against 1: shares 1/3 and 2/3.
  { name: "a week older weighs half", model: "time_decay", journeys: twoTouches, expected: { search: 1 / 3, home: 2 / 3 } },
  {
    name: "the half-life option changes the weights",
    model: "time_decay",
    journeys: twoTouches,
    options: { halfLifeDays: 3.5 },
    expected: { search: 1 / 5, home: 4 / 5 },
  },
  { name: "Direct-only path credits its last touch", model: "last_non_direct", journeys: directOnly, expected: { d2: 1 } },
  { name: "Direct-only path, last touch", model: "last_touch", journeys: directOnly, expected: { d2: 1 } },
  {
    name: "40/20/40 with the 20% split over two middle touches",
    model: "position_based",
    journeys: fourTouches,
    expected: { a: 4, b: 1, c: 1, d: 4 },
  },
  { name: "four touches, equal shares", model: "linear", journeys: fourTouches, expected: { a: 2.5, b: 2.5, c: 2.5, d: 2.5 } },
  {
    name: "one-day steps weigh 2^(-k/7)",
    model: "time_decay",
    journeys: fourTouches,
    expected: Object.fromEntries(
      ["a", "b", "c", "d"].map((k, i) => {
        const weights = [3, 2, 1, 0].map((d) => 2 ** (-d / 7));
        return [k, (10 * weights[i]!) / weights.reduce((s, w) => s + w, 0)];
      }),
    ),
  },
  { name: "repeated key counts per touch", model: "linear", journeys: repeats, expected: { a: 4, b: 2 } },
  { name: "repeated key at first and middle", model: "position_based", journeys: repeats, expected: { a: 3.6, b: 2.4 } },
  { name: "repeated key counts once", model: "shapley", journeys: repeats, expected: { a: 3, b: 3 } },
  { name: "first touch ignores repeats", model: "first_touch", journeys: repeats, expected: { a: 6 } },
];

describe("attribute edge cases", () => {
  it.each(cases.map((c) => [`${c.model}: ${c.name}`, c] as const))("%s", (_name, c) => {
    const result = attribute(c.journeys, c.model, c.options);
    expect(result.model).toBe(c.model);
    for (const row of result.rows) {
      expect(Math.abs(row.conversions - (c.expected[row.key] ?? 0)), row.key).toBeLessThanOrEqual(1e-12);
      // A single journey: its value follows its conversions in proportion.
      const journey = c.journeys[0]!;
      const valueShare = (c.expected[row.key] ?? 0) / journey.conversions;
      expect(Math.abs(row.value - valueShare * journey.value), `${row.key} value`).toBeLessThanOrEqual(1e-12);
    }
    expect(result.rows.map((r) => r.key).sort()).toEqual(expect.arrayContaining(Object.keys(c.expected).sort()));
  });
});

describe("attribute on degenerate input", () => {
  it.each(MODELS)("%s: no journeys give zero totals and no rows", (model) => {
    expect(attribute([], model)).toEqual({ model, total_conversions: 0, total_value: 0, rows: [] });
  });

  it.each(MODELS)("%s: zero value credits conversions and no value", (model) => {
    const result = attribute([converting([touch("x", 1), touch("y", 0)], 4, 0)], model);
    expect(result.total_value).toBe(0);
    expect(result.rows.every((r) => r.value === 0)).toBe(true);
    expect(result.rows.reduce((s, r) => s + r.conversions, 0)).toBeCloseTo(4, 12);
  });

  it.each(MODELS)("%s: non-converting journeys alone credit nothing but list their keys", (model) => {
    const result = attribute([{ touches: [touch("p"), touch("q")], conversions: 0, value: 0, nulls: 5, at: AT }], model);
    expect(result.total_conversions).toBe(0);
    expect(result.rows).toEqual([
      { key: "p", conversions: 0, value: 0 },
      { key: "q", conversions: 0, value: 0 },
    ]);
  });

  it("sorts rows by conversions descending, then key", () => {
    const result = attribute([converting([touch("b"), touch("a"), touch("c"), touch("c")], 4)], "linear");
    expect(result.rows.map((r) => [r.key, r.conversions])).toEqual([
      ["c", 2],
      ["a", 1],
      ["b", 1],
    ]);
  });

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY])("time_decay rejects half-life %s", (halfLifeDays) => {
    expect(() => attribute(twoTouches, "time_decay", { halfLifeDays })).toThrow(RangeError);
  });

  it("time_decay keeps old journeys finite instead of underflowing to 0/0", () => {
    const ancient = [converting([touch("old", 40_000), touch("older", 40_007)])];
    const rows = new Map(attribute(ancient, "time_decay").rows.map((r) => [r.key, r.conversions]));
    expect(rows.get("old")).toBeCloseTo(2 / 3, 12);
    expect(rows.get("older")).toBeCloseTo(1 / 3, 12);
  });
});
