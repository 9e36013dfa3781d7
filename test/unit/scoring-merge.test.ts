// Merging two profiles' ledgers: exact, as if one profile had seen every event, and still within caps.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ScoringConfig } from "../../schema/scoring";
import { applyEvent, DEFAULT_SCORING, EMPTY_SCORE_STATE, evaluate, mergeScoreStates, type ScoringEvent } from "../../worker/core/scoring";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 8, 1);
const FACTS = { traits: {}, email: null, phone: null, country: null, signals: {} };
const UNCAPPED: ScoringConfig = {
  ...DEFAULT_SCORING,
  half_life_days: 7,
  behavior: { rules: [{ id: "visit", description: "Visited", points: 3, match: { type: ["pageview"] } }, { id: "pricing", description: "Pricing", points: 10, match: { path: ["pricing*"] }}] },
};
const view = (at: number, path: string): ScoringEvent => ({ type: "pageview", name: null, url: null, path, props: {}, at });
const play = (events: ScoringEvent[], config: ScoringConfig) => events.reduce((s, e) => applyEvent(s, e, config), EMPTY_SCORE_STATE);
const score = (s: typeof EMPTY_SCORE_STATE, config: ScoringConfig, now: number) => evaluate({ state: s, facts: FACTS, config, now }).score;

describe("mergeScoreStates", () => {
  it("equals one ledger that saw both profiles' events (below caps)", () => {
    const event = fc.record({ at: fc.integer({ min: 0, max: 60 * DAY }), pricing: fc.boolean() });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 20 }), fc.array(event, { maxLength: 20 }), (a, b) => {
        const toEvents = (xs: typeof a) => xs.map((x) => view(T0 + x.at, x.pricing ? "/pricing" : "/"));
        const merged = mergeScoreStates(play(toEvents(a), UNCAPPED), play(toEvents(b), UNCAPPED), UNCAPPED);
        const together = play([...toEvents(a), ...toEvents(b)].sort((x, y) => x.at - y.at), UNCAPPED);
        const now = T0 + 90 * DAY;
        expect(Math.abs(score(merged, UNCAPPED, now) - score(together, UNCAPPED, now))).toBeLessThanOrEqual(1e-9);
        for (const id of Object.keys(together.rules)) expect([merged.rules[id]?.hits, merged.rules[id]?.lifetime]).toEqual([together.rules[id]?.hits, together.rules[id]?.lifetime]);
      }),
      { numRuns: 200 },
    );
  });

  it("keeps a lifetime cap when both profiles had reached it", () => {
    const pricingCap = DEFAULT_SCORING.behavior.rules.find((r) => r.id === "visited_pricing")?.max_lifetime ?? NaN;
    const busy = (start: number) => play([0, 1, 2, 3, 4, 5, 6, 7].map((d) => view(start + d * DAY, "/pricing")), DEFAULT_SCORING);
    const merged = mergeScoreStates(busy(T0), busy(T0 + 3 * DAY), DEFAULT_SCORING);
    expect(Math.abs(merged.rules.visited_pricing?.lifetime ?? 0)).toBeLessThanOrEqual(pricingCap);
    expect(merged.rules.visited_pricing?.value).toBeLessThanOrEqual(pricingCap);
  });
});
