// Behaviour points: exact exponential decay at read time, and daily / lifetime caps that hold.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseScoringConfig, type ScoringConfig } from "../../schema/scoring";
import { applyEvent, EMPTY_SCORE_STATE, evaluate, type ScoreState, type ScoringEvent } from "../../worker/core/scoring";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
const FACTS = { traits: {}, email: null, phone: null, country: null, signals: {} };

function configWith(rules: unknown[], halfLifeDays = 30): ScoringConfig {
  const parsed = parseScoringConfig({
    half_life_days: halfLifeDays,
    behavior: { rules },
    fit: { rules: [], grades: { A: 60, B: 40, C: 20, D: 0, E: -20 } },
    labels: {},
    stages: { mql_min_score: 50, mql_min_grade: "C", hysteresis: 10 },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config;
}

const rule = (id: string, points: number, extra: Record<string, unknown> = {}) => ({ id, description: id, points, match: { type: ["pageview"] }, ...extra });
const view = (at: number, path = "/"): ScoringEvent => ({ type: "pageview", name: null, url: null, path, props: {}, at });
const play = (events: ScoringEvent[], config: ScoringConfig, from: ScoreState = EMPTY_SCORE_STATE) => events.reduce((s, e) => applyEvent(s, e, config), from);
const scoreAt = (state: ScoreState, config: ScoringConfig, now: number) => evaluate({ state, facts: FACTS, config, now }).score;
/** The decay formula, written out independently of the code under test. */
const decayed = (points: number, ageMs: number, halfLifeMs: number) => points * 0.5 ** (ageMs / halfLifeMs);
const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));

describe("exact decay", () => {
  const config = configWith([rule("visit", 40)], 30);
  const state = play([view(T0)], config);

  it.each([
    ["no time passed", 0, 40],
    ["one half-life halves it", 30 * DAY, 20],
    ["two half-lives quarter it", 60 * DAY, 10],
    ["ten half-lives leave 1/1024", 300 * DAY, 40 / 1024],
  ])("%s", (_name, age, expected) => {
    expect(scoreAt(state, config, T0 + age)).toBe(expected);
  });

  it("matches value · 2^(−t/halfLife) to 1e-12 for arbitrary t", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 * DAY }), fc.integer({ min: -1000, max: 1000 }), fc.double({ min: 0.01, max: 3650, noNaN: true }), (age, points, halfLifeDays) => {
        const c = configWith([rule("visit", points)], halfLifeDays);
        close(scoreAt(play([view(T0)], c), c, T0 + age), decayed(points, age, halfLifeDays * DAY));
      }),
      { numRuns: 300 },
    );
  });

  it("sums many events exactly, whatever order they arrive in", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 90 * DAY }), { minLength: 1, maxLength: 30 }), fc.integer({ min: 0, max: 200 * DAY }), (offsets, later) => {
        const events = offsets.map((o) => view(T0 + o));
        const now = T0 + 90 * DAY + later;
        const expected = offsets.reduce((sum, o) => sum + decayed(40, now - (T0 + o), 30 * DAY), 0);
        close(scoreAt(play(events, config), config, now), expected);
        close(scoreAt(play([...events].reverse(), config), config, now), expected);
      }),
      { numRuns: 200 },
    );
  });

  it("decays every rule at the site's one half-life, so every profile's score shrinks by the same factor", () => {
    const c = configWith([rule("a", 10), rule("b", 4)], 7);
    close(scoreAt(play([view(T0)], c), c, T0 + 2 * DAY), decayed(14, 2 * DAY, 7 * DAY));
  });

  it("keeps full precision in the state and never inflates a value read before its time", () => {
    const s = play([view(T0), view(T0 + 7 * DAY)], config);
    expect(s.rules.visit).toMatchObject({ at: T0 + 7 * DAY, lifetime: 80, hits: 2 });
    close(s.rules.visit!.value, decayed(40, 7 * DAY, 30 * DAY) + 40);
    expect(scoreAt(s, config, T0)).toBe(s.rules.visit!.value);
  });
});

describe("caps", () => {
  it.each([
    ["a daily cap trims the hit that crosses it", [rule("v", 10, { max_per_day: 25 })], [0, 1, 2, 3, 4].map((m) => T0 + m * 60_000), 25],
    ["a new UTC day brings a new daily budget", [rule("v", 10, { max_per_day: 10 })], [T0, T0 + 60_000, T0 + DAY, T0 + DAY + 1], 20],
    ["days are UTC days", [rule("v", 10, { max_per_day: 10 })], [Date.UTC(2026, 2, 2, 23, 59), Date.UTC(2026, 2, 3, 0, 1)], 20],
    ["a lifetime cap holds across days", [rule("v", 10, { max_lifetime: 35 })], [0, 1, 2, 3, 4, 5].map((d) => T0 + d * DAY), 35],
    ["both caps together", [rule("v", 10, { max_per_day: 15, max_lifetime: 40 })], [0, 0, 1, 1, 2, 2, 3, 3].map((d, i) => T0 + d * DAY + i), 40],
    ["caps bound a penalty's magnitude", [rule("v", -10, { max_per_day: 15 })], [T0, T0 + 1, T0 + 2], -15],
    ["a late event from an earlier day shares the latest day's budget", [rule("v", 10, { max_per_day: 10 })], [T0 + DAY, T0 + 1], 10],
  ])("%s", (_name, rules, times, lifetime) => {
    const s = play(times.map((t) => view(t)), configWith(rules));
    expect(s.rules.v?.lifetime).toBe(lifetime);
    expect(s.rules.v?.hits).toBe(times.length);
  });

  it("never awards more than the caps allow on any UTC day or in a lifetime", () => {
    const config = configWith([rule("v", 7, { max_per_day: 20, max_lifetime: 100 })]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 * DAY }), { maxLength: 80 }), (offsets) => {
        const perDay = new Map<string, number>();
        let state = EMPTY_SCORE_STATE;
        for (const at of offsets.map((o) => T0 + o).sort((a, b) => a - b)) {
          const next = applyEvent(state, view(at), config);
          const day = new Date(at).toISOString().slice(0, 10);
          perDay.set(day, (perDay.get(day) ?? 0) + (next.rules.v!.lifetime - (state.rules.v?.lifetime ?? 0)));
          state = next;
        }
        expect(Math.max(0, ...perDay.values())).toBeLessThanOrEqual(20);
        expect(state.rules.v?.lifetime ?? 0).toBeLessThanOrEqual(100);
      }),
    );
  });
});

describe("applyEvent", () => {
  const config = configWith([rule("any_page", 1), { ...rule("pricing", 10), match: { path: ["/pricing*"] } }]);

  it("awards every rule an event matches", () => {
    const s = applyEvent(EMPTY_SCORE_STATE, view(T0, "/pricing"), config);
    expect(Object.fromEntries(Object.entries(s.rules).map(([id, r]) => [id, r.lifetime]))).toEqual({ any_page: 1, pricing: 10 });
  });

  it("returns the same state when no rule matches, and never mutates its input", () => {
    const before = JSON.stringify(EMPTY_SCORE_STATE);
    const click: ScoringEvent = { ...view(T0), type: "click" };
    expect(applyEvent(EMPTY_SCORE_STATE, click, config)).toBe(EMPTY_SCORE_STATE);
    const s1 = applyEvent(EMPTY_SCORE_STATE, view(T0), config);
    const snapshot = JSON.stringify(s1);
    applyEvent(s1, view(T0 + 1, "/pricing"), config);
    expect([JSON.stringify(EMPTY_SCORE_STATE), JSON.stringify(s1)]).toEqual([before, snapshot]);
  });

  it("ignores an event without a usable time", () => {
    expect(applyEvent(EMPTY_SCORE_STATE, view(Number.NaN), config)).toBe(EMPTY_SCORE_STATE);
  });

  it("keeps a state that survives a JSON round trip", () => {
    const s = play([view(T0), view(T0 + DAY, "/pricing")], config);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});
