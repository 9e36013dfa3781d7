// Markov options: solver choice and the opt-in lumping of rare keys into "(other)".
import { describe, expect, it } from "vitest";
import { attribute, journeysFromPaths, markovRemovalEffects, type PathRow } from "../../worker/core/attribution/index";

const rows = (...r: [string, number, number][]): PathRow[] =>
  r.map(([path, conversions, nulls]) => ({ path, conversions, value: conversions * 10, nulls }));

describe("markovMaxKeys lumps the least-travelled keys", () => {
  it("keeps the busiest key and folds the rest into (other), solved on the coarser chain", () => {
    // Traffic a = 1 + 1 = 2, b = c = 1. Lumped paths: a (conv 1, null 1) and (other) (conv 1): from start
    // P(a) = 2/3 then converts 1/2; P((other)) = 1/3 then always converts. P(conv) = 2/3.
    // Removing a loses 1/3, removing (other) loses 1/3: effects 0.5 and 0.5, credits 1 and 1.
    const journeys = journeysFromPaths(rows(["a", 1, 1], ["b > c", 1, 0]));
    const effects = markovRemovalEffects(journeys, { markovMaxKeys: 2 });
    expect([...effects.keys()]).toEqual(["a", "(other)"]);
    expect(effects.get("a")).toBeCloseTo(0.5, 12);
    expect(effects.get("(other)")).toBeCloseTo(0.5, 12);
    const result = attribute(journeys, "markov", { markovMaxKeys: 2 });
    expect(result.rows.map((r) => [r.key, r.conversions])).toEqual([
      ["(other)", expect.closeTo(1, 12)],
      ["a", expect.closeTo(1, 12)],
    ]);
    expect(result.rows.reduce((s, r) => s + r.value, 0)).toBeCloseTo(20, 12);
  });

  it("changes nothing when there are no more keys than the limit", () => {
    const journeys = journeysFromPaths(rows(["a > b", 2, 1], ["b > c", 1, 3], ["c", 0, 2]));
    expect(attribute(journeys, "markov", { markovMaxKeys: 3 })).toEqual(attribute(journeys, "markov"));
  });

  it.each([1, 0, 2.5, Number.NaN])("rejects a limit of %s", (markovMaxKeys) => {
    const journeys = journeysFromPaths(rows(["a > b > c", 1, 0]));
    expect(() => attribute(journeys, "markov", { markovMaxKeys })).toThrow(RangeError);
  });
});

describe("markov solvers", () => {
  it.each(["auto", "dense", "iterative"] as const)("%s gives no credit and no error when nothing converts", (markovSolver) => {
    const journeys = journeysFromPaths(rows(["a > b", 0, 4]));
    const result = attribute(journeys, "markov", { markovSolver });
    expect(result.rows.map((r) => r.conversions)).toEqual([0, 0]);
    expect([...markovRemovalEffects(journeys, { markovSolver }).values()]).toEqual([0, 0]);
  });

  it.each(["dense", "iterative"] as const)("%s: a key only on null paths still earns credit if it feeds conversions", (markovSolver) => {
    // start → a (1/2) → b; start → b (1/2). b converts 1/2 of its visits in total (1 conv, 1 null out of b).
    // Removing a loses the half that passes a: effect 1/2; removing b loses everything: effect 1.
    const journeys = journeysFromPaths(rows(["a > b", 0, 1], ["b", 1, 0]));
    const effects = markovRemovalEffects(journeys, { markovSolver });
    expect(effects.get("a")).toBeCloseTo(0.5, 12);
    expect(effects.get("b")).toBeCloseTo(1, 12);
  });
});
