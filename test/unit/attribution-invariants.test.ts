// Properties on seeded random journeys: credits sum for every model, and the exact solvers agree with brute force.
import { describe, expect, it } from "vitest";
import {
  attribute,
  markovRemovalEffects,
  MODELS,
  shapleyValuesOf,
  type Journey,
} from "../../worker/core/attribution/index";
import { seededRandom as randomOf } from "../support/seeded-random";

const CHANNELS = ["Direct", "Organic Search", "Email", "Paid Social"];

/** Journeys with repeats, Direct-only paths, empty paths, null-only and mixed rows, fractional values. */
function randomJourneys(seed: number, count: number, keyCount: number, maxLength = 8): Journey[] {
  const random = randomOf(seed);
  return Array.from({ length: count }, () => {
    const at = 1e12 + Math.floor(random() * 1e10);
    const length = Math.floor(random() * (maxLength + 1));
    const touches = Array.from({ length }, (_, i) => {
      const k = Math.floor(random() * keyCount);
      return { key: `k${k}`, channel: CHANNELS[k % CHANNELS.length]!, at: at - (length - i) * random() * 9e8 };
    });
    const conversions = random() < 0.6 ? 1 + Math.floor(random() * 4) : 0;
    return { touches, conversions, value: conversions * random() * 50, nulls: Math.floor(random() * 3), at };
  });
}

const SEEDS = [1, 2, 3, 4, 5];

describe("credits add up for every model", () => {
  const cases = MODELS.flatMap((model) => SEEDS.map((seed) => [model, seed] as const));
  it.each(cases)("%s on random journeys (seed %i)", (model, seed) => {
    const journeys = randomJourneys(seed, 300, 3 + seed * 3);
    const result = attribute(journeys, model);
    const conversions = journeys.reduce((s, j) => s + j.conversions, 0);
    const value = journeys.reduce((s, j) => s + j.value, 0);
    expect(result.total_conversions).toBe(conversions);
    expect(Math.abs(result.total_value - value)).toBeLessThanOrEqual(1e-9 * value);
    const credited = result.rows.reduce((s, r) => s + r.conversions, 0);
    const creditedValue = result.rows.reduce((s, r) => s + r.value, 0);
    expect(Math.abs(credited - conversions)).toBeLessThanOrEqual(1e-9 * conversions);
    expect(Math.abs(creditedValue - value)).toBeLessThanOrEqual(1e-9 * value);
    expect(result.rows.every((r) => r.conversions >= 0 && r.value >= 0)).toBe(true);
  });
});

describe("shapley closed form equals the exact Shapley value of Zhao et al.'s game", () => {
  it.each(SEEDS)("seed %i", (seed) => {
    const keyCount = 7;
    const journeys = randomJourneys(seed, 60, keyCount, 5);
    // v(S) = conversions of journeys whose key set is a subset of S, with key k as bit k.
    const maskOf = (j: Journey) => j.touches.reduce((m, t) => m | (1 << Number(t.key.slice(1))), 0);
    const converting = journeys.filter((j) => j.conversions > 0 && j.touches.length > 0);
    const worth = (s: number) => converting.reduce((sum, j) => sum + ((maskOf(j) & ~s) === 0 ? j.conversions : 0), 0);
    const phi = shapleyValuesOf(keyCount, worth);
    const rows = new Map(attribute(converting, "shapley").rows.map((r) => [r.key, r.conversions]));
    phi.forEach((value, k) => expect(Math.abs((rows.get(`k${k}`) ?? 0) - value)).toBeLessThanOrEqual(1e-9));
  });
});

/** An independent, naive Markov removal effect: string-keyed counts and 5,000 rounds of value iteration. */
function bruteForceRemovalEffects(journeys: Journey[]): Map<string, number> {
  const counts = new Map<string, Map<string, number>>();
  const add = (from: string, to: string, n: number) => {
    const row = counts.get(from) ?? new Map<string, number>();
    row.set(to, (row.get(to) ?? 0) + n);
    counts.set(from, row);
  };
  for (const j of journeys) {
    const keys = (j.touches.length ? j.touches.map((t) => t.key) : ["(none)"]).filter((k, i, a) => k !== a[i - 1]);
    const n = j.conversions + j.nulls;
    if (n === 0) continue;
    ["(start)", ...keys].forEach((k, i, a) => i > 0 && add(a[i - 1]!, k, n));
    add(keys.at(-1)!, "(conversion)", j.conversions);
    add(keys.at(-1)!, "(null)", j.nulls);
  }
  const pConversion = (removed: string | null) => {
    let p = new Map<string, number>([["(conversion)", 1]]);
    for (let round = 0; round < 5000; round++) {
      const next = new Map<string, number>([["(conversion)", 1]]);
      for (const [from, row] of counts) {
        if (from === removed) continue;
        const total = [...row.values()].reduce((s, c) => s + c, 0);
        let sum = 0;
        for (const [to, c] of row) if (to !== removed) sum += (c / total) * (p.get(to) ?? 0);
        next.set(from, sum);
      }
      p = next;
    }
    return p.get("(start)") ?? 0;
  };
  const base = pConversion(null);
  return new Map([...counts.keys()].filter((k) => k !== "(start)").map((k) => [k, 1 - pConversion(k) / base]));
}

describe("markov removal effects equal a brute-force value iteration", () => {
  it.each(SEEDS)("seed %i, dense and iterative solvers", (seed) => {
    const journeys = randomJourneys(seed, 40, 5, 6);
    const expected = bruteForceRemovalEffects(journeys);
    for (const markovSolver of ["dense", "iterative"] as const) {
      const effects = markovRemovalEffects(journeys, { markovSolver });
      for (const [key, want] of expected) {
        expect(Math.abs(effects.get(key)! - want), `${markovSolver} ${key}`).toBeLessThanOrEqual(1e-9 * Math.max(want, 1e-3));
      }
    }
  });

  it("dense and iterative agree on 60 keys", () => {
    const journeys = randomJourneys(7, 2000, 60, 10);
    const dense = markovRemovalEffects(journeys, { markovSolver: "dense" });
    const iterative = markovRemovalEffects(journeys, { markovSolver: "iterative" });
    for (const [key, want] of dense) {
      expect(Math.abs(iterative.get(key)! - want), key).toBeLessThanOrEqual(1e-10 * Math.max(want, 1e-6));
    }
  });
});
