// Labels: the first label rule whose behaviour and fit conditions all hold names the lead; otherwise the default.
import { describe, expect, it } from "vitest";
import { parseScoringConfig } from "../../schema/scoring";
import type { Grade, ScoreState } from "../../worker/core/scoring";
import { labelOf } from "../../worker/core/scoring/label";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 20);
const parsed = parseScoringConfig({
  behavior: {
    rules: ["pricing", "compare", "demo"].map((id) => ({ id, description: id, points: 10, match: { name: [id] } })),
  },
  fit: { rules: [], grades: { A: 60, B: 40, C: 20, D: 0, E: -20 } },
  labels: {
    rules: [
      { label: "ready_to_buy", when: { any_rules: ["demo"], within_days: 30 } },
      { label: "ready_to_buy", when: { min_score: 60, min_grade: "B", any_rules: ["pricing"] } },
      { label: "comparison_shopper", when: { all_rules: ["pricing", "compare"], within_days: 30 } },
      { label: "big_spender", when: { min_fit: 50, max_score: 5 } },
    ],
  },
  stages: { mql_min_score: 50, mql_min_grade: "C", hysteresis: 10 },
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
const config = parsed.config;

/** A ledger where each named rule last matched `daysAgo` days before NOW. */
const ledger = (hits: Record<string, number>): ScoreState => ({
  version: 1,
  rules: Object.fromEntries(Object.entries(hits).map(([id, daysAgo]) => [id, { value: 10, at: NOW - daysAgo * DAY, lifetime: 10, day: "2026-11-01", day_points: 10, hits: 1 }])),
});

describe("labelOf", () => {
  it.each<[string, Record<string, number>, number, number, Grade, string]>([
    ["no behaviour at all is the default label", {}, 0, 0, "F", "browser"],
    ["a recent demo request", { demo: 2 }, 10, 0, "F", "ready_to_buy"],
    ["a demo request older than within_days no longer counts", { demo: 31 }, 10, 0, "F", "browser"],
    ["pricing interest with a high score and a good grade", { pricing: 90 }, 70, 45, "B", "ready_to_buy"],
    ["the same interest with a poorer grade", { pricing: 90 }, 70, 25, "C", "browser"],
    ["pricing and comparison, both recent", { pricing: 3, compare: 10 }, 20, 0, "F", "comparison_shopper"],
    ["pricing without comparison (all_rules)", { pricing: 3 }, 20, 0, "F", "browser"],
    ["a comparison gone stale", { pricing: 3, compare: 40 }, 20, 0, "F", "browser"],
    ["the first matching rule wins", { demo: 1, pricing: 1, compare: 1 }, 30, 0, "F", "ready_to_buy"],
    ["fit and score bounds together", {}, 4, 55, "B", "big_spender"],
    ["a score over max_score", {}, 6, 55, "B", "browser"],
  ])("%s → %s", (_name, hits, score, fit, grade, label) => {
    expect(labelOf({ state: ledger(hits), config, score, fit, grade, now: NOW })).toBe(label);
  });
});
