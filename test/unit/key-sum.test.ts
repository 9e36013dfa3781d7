// The key of a sum of scores: at every instant its score is the sum of the parts' scores, and sums compare the same
// way whenever they are compared — so an account list sorted by it needs no job to stay right as time passes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCORING } from "../../worker/core/scoring";
import { sumOfKeys } from "../../worker/core/scoring/key-sum";
import { compareKeys, scoreKeyOf, scoreOfKey, ZERO_KEY } from "../../worker/core/scoring/score-key";
import type { ScoreState } from "../../worker/core/scoring/types";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 1);
const config = { ...DEFAULT_SCORING, half_life_days: 7 };

/** A person's key: `score` points as of `at` (one rule's ledger, as the scorer keeps it). */
const keyOf = (score: number, at: number) => {
  const state: ScoreState = { version: 1, rules: { page_view: { value: score, at, lifetime: Math.abs(score), day: "2026-01-01", day_points: 0, hits: 1 } } };
  return scoreKeyOf(state, config);
};
const scoreAt = (score: number, at: number, now: number) => score * 2 ** (-(now - at) / (config.half_life_days * DAY));

const person = fc.record({ score: fc.double({ min: -200, max: 500, noNaN: true }).filter((x) => Math.abs(x) > 1e-6), daysAgo: fc.double({ min: 0, max: 120, noNaN: true }) });

describe("sumOfKeys", () => {
  it("is the sum of its parts at every instant, people's last changes days apart", () => {
    fc.assert(
      fc.property(fc.array(person, { minLength: 1, maxLength: 30 }), fc.double({ min: 0, max: 400, noNaN: true }), (people, later) => {
        const now = T0 + 120 * DAY;
        const keys = people.map((p) => keyOf(p.score, now - p.daysAgo * DAY));
        const sum = sumOfKeys(keys);
        for (const t of [now, now + later * DAY / 10, now + later * DAY]) {
          const expected = people.reduce((s, p) => s + scoreAt(p.score, now - p.daysAgo * DAY, t), 0);
          const magnitude = people.reduce((s, p) => s + Math.abs(scoreAt(p.score, now - p.daysAgo * DAY, t)), 0);
          expect(Math.abs(scoreOfKey(sum, config, t) - expected)).toBeLessThanOrEqual(1e-9 * Math.max(1, magnitude));
        }
      }),
    );
  });

  it("orders two sums the same way at every instant", () => {
    fc.assert(
      fc.property(fc.array(person, { minLength: 1, maxLength: 8 }), fc.array(person, { minLength: 1, maxLength: 8 }), (a, b) => {
        const now = T0 + 120 * DAY;
        const [ka, kb] = [a, b].map((ps) => sumOfKeys(ps.map((p) => keyOf(p.score, now - p.daysAgo * DAY))));
        const order = Math.sign(compareKeys(ka!, kb!));
        for (const t of [now, now + 30 * DAY, now + 365 * DAY]) {
          const [sa, sb] = [scoreOfKey(ka!, config, t), scoreOfKey(kb!, config, t)];
          if (Math.abs(sa - sb) > 1e-9 * Math.max(Math.abs(sa), Math.abs(sb))) expect(Math.sign(sb - sa)).toBe(order);
        }
      }),
    );
  });

  it.each([
    ["nobody: 0", [], 0],
    ["one person at 40: 40", [[40, 0]], 40],
    ["three lukewarm people at 20: 60", [[20, 0], [20, 0], [20, 0]], 60],
    ["40 now and 40 a half-life (a week) ago: 60", [[40, 0], [40, 7]], 60],
    ["a penalty outweighing the rest: 10 − 30 = −20", [[10, 0], [-30, 0]], -20],
    ["exactly cancelling: 0", [[25, 0], [-25, 0]], 0],
  ] as [string, [number, number][], number][])("%s", (_what, people, total) => {
    const now = T0 + 30 * DAY;
    const sum = sumOfKeys(people.map(([score, daysAgo]) => keyOf(score, now - daysAgo * DAY)));
    expect(scoreOfKey(sum, config, now)).toBeCloseTo(total, 9);
    if (total === 0) expect(sum).toEqual(ZERO_KEY);
  });

  it("stays finite far from the epoch and with a short half-life (the keys are log-magnitudes, not magnitudes)", () => {
    const short = { ...config, half_life_days: 0.01 };
    const now = Date.UTC(2090, 0, 1);
    const state = (score: number, at: number): ScoreState => ({ version: 1, rules: { page_view: { value: score, at, lifetime: score, day: "2090-01-01", day_points: 0, hits: 1 } } });
    const sum = sumOfKeys([scoreKeyOf(state(30, now), short), scoreKeyOf(state(50, now - 3_600_000), short)]);
    expect(Number.isFinite(sum.rank)).toBe(true);
    // t/h is 2·10⁷ here, so a key's rank carries about 4·10⁻⁹ of absolute rounding: scores are right to ~10⁻⁸.
    expect(scoreOfKey(sum, short, now)).toBeCloseTo(30 + 50 * 2 ** (-3_600_000 / (0.01 * DAY)), 6);
  });
});
