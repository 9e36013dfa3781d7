// Markov from transition counts (what store/journeys.ts keeps per day) equals Markov over the journeys they count,
// lumped or not: the chain only ever counts starts, steps between different keys and absorptions.
import { describe, expect, it } from "vitest";
import { attribute, markovStepCredits, STEP_CONVERSION, STEP_NULL, STEP_START, type Journey, type MarkovStep } from "../../worker/core/attribution";
import { seededRandom } from "../support/seeded-random";

/** The steps of journeys as the SQL counts them: repeats collapsed, weight conversions + nulls. */
function stepsOf(journeys: Journey[]): MarkovStep[] {
  const steps: MarkovStep[] = [];
  for (const j of journeys) {
    let prev = STEP_START;
    for (const t of j.touches) {
      if (t.key !== prev) steps.push({ from: prev, to: t.key, weight: j.conversions + j.nulls });
      prev = t.key;
    }
    if (j.conversions) steps.push({ from: prev, to: STEP_CONVERSION, weight: j.conversions });
    if (j.nulls) steps.push({ from: prev, to: STEP_NULL, weight: j.nulls });
  }
  return steps;
}

/** Traffic per key as kept: conversions + nulls per touch of the key. */
function trafficOf(journeys: Journey[]): Map<string, number> {
  const traffic = new Map<string, number>();
  for (const j of journeys) for (const t of j.touches) traffic.set(t.key, (traffic.get(t.key) ?? 0) + j.conversions + j.nulls);
  return traffic;
}

function randomJourneys(seed: number, keys: number, count: number): Journey[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const converts = random() < 0.4;
    const length = 1 + Math.floor(random() * 6);
    // Skewed keys, with repeats, so some keys are rare (lumped) and some paths repeat a key.
    const touches = Array.from({ length }, () => ({ key: `k${Math.floor(random() ** 2 * keys)}`, channel: "", at: 0 }));
    return { touches, conversions: converts ? 1 : 0, value: converts ? Math.round(random() * 100) : 0, nulls: converts ? 0 : 1, at: 0 };
  });
}

describe("markovStepCredits", () => {
  it.each([
    [1, 6, 300, undefined],
    [2, 40, 2000, undefined],
    [3, 40, 2000, 10],
    [4, 120, 3000, 25],
  ])("seed %i, %i keys, %i journeys, markovMaxKeys %s: the credits of the journeys", (seed, keys, count, maxKeys) => {
    const journeys = randomJourneys(seed, keys, count);
    const expected = attribute(journeys, "markov", { markovMaxKeys: maxKeys });
    const converting = journeys.filter((j) => j.conversions > 0);
    const totals = { conversions: converting.length, value: converting.reduce((s, j) => s + j.value, 0) };
    const actual = markovStepCredits(stepsOf(journeys), trafficOf(journeys), totals, { markovMaxKeys: maxKeys });
    expect(actual.total_conversions).toBe(expected.total_conversions);
    const credited = (rows: typeof expected.rows) => rows.filter((r) => Math.abs(r.conversions) > 1e-12);
    expect(credited(actual.rows).map((r) => r.key).sort()).toEqual(credited(expected.rows).map((r) => r.key).sort());
    const byKey = new Map(actual.rows.map((r) => [r.key, r]));
    for (const row of expected.rows) {
      expect(byKey.get(row.key)?.conversions ?? 0).toBeCloseTo(row.conversions, 8);
      expect(byKey.get(row.key)?.value ?? 0).toBeCloseTo(row.value, 6);
    }
  });

  it("gives nothing when no journey converts", () => {
    const journeys = randomJourneys(5, 5, 50).map((j) => ({ ...j, conversions: 0, value: 0, nulls: 1 }));
    const result = markovStepCredits(stepsOf(journeys), trafficOf(journeys), { conversions: 0, value: 0 });
    expect(result.rows.every((r) => r.conversions === 0)).toBe(true);
  });
});
