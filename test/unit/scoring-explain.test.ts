// The breakdown behind a score: every contributing rule, decayed points that add up, and plain words.
import { describe, expect, it } from "vitest";
import type { ScoringConfig } from "../../schema/scoring";
import { applyEvent, DEFAULT_SCORING, EMPTY_SCORE_STATE, evaluate, formatPoints, type ProfileFacts, type ScoringEvent } from "../../worker/core/scoring";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 6, 1, 12);
const view = (at: number, path: string, type = "pageview"): ScoringEvent => ({ type, name: null, url: null, path, props: {}, at });
const FACTS: ProfileFacts = { traits: { job_title: "Head of Sales", budget: "25k" }, email: "sam@acme.io", phone: null, country: "US", signals: {} };
const play = (events: ScoringEvent[], config: ScoringConfig = DEFAULT_SCORING) => events.reduce((s, e) => applyEvent(s, e, config), EMPTY_SCORE_STATE);

describe("breakdown", () => {
  const events = [view(T0, "/pricing"), view(T0 + 1, "/pricing"), view(T0 + DAY, "/careers"), view(T0 + 2 * DAY, "/demo", "form"), view(T0 + 3 * DAY, "/blog/a-vs-b")];
  const state = play(events);
  const now = T0 + 15 * DAY;
  const result = evaluate({ state, facts: FACTS, config: DEFAULT_SCORING, now });
  const behavior = result.breakdown.filter((b) => b.kind === "behavior");

  it("lists every rule the events earned points from, once", () => {
    expect(behavior.map((b) => b.rule).sort()).toEqual(Object.keys(state.rules).sort());
    expect(behavior.map((b) => b.rule).sort()).toEqual(["careers_page", "compared_alternatives", "page_view", "requested_demo", "submitted_form", "visited_pricing"]);
  });

  it("gives decayed points that add up to the score", () => {
    const sum = behavior.reduce((s, b) => s + b.points, 0);
    expect(Math.abs(sum - result.score)).toBeLessThanOrEqual(1e-12 * Math.abs(result.score));
    const pricing = behavior.find((b) => b.rule === "visited_pricing");
    expect(pricing).toMatchObject({ awarded: 20, hits: 2 });
    const halfLife = 30 * DAY;
    expect(pricing?.points).toBeCloseTo(10 * 0.5 ** ((now - T0) / halfLife) + 10 * 0.5 ** ((now - T0 - 1) / halfLife), 12);
  });

  it("gives fit points that add up to the fit", () => {
    const fit = result.breakdown.filter((b) => b.kind === "fit");
    expect(fit.map((b) => b.rule).sort()).toEqual(["budget_mid", "corporate_email", "vp_director"]);
    expect(fit.reduce((s, b) => s + b.points, 0)).toBe(result.fit);
  });

  it.each([
    ["visited_pricing", "Visited pricing (2×): +20, decayed to +14"],
    ["careers_page", "Looked at jobs (likely a candidate) (1×): -10, decayed to -7.2"],
    ["vp_director", "VP, director or head of a function (job_title: Head of Sales): +20"],
    ["corporate_email", "Corporate e-mail domain (email_domain: acme.io): +15"],
  ])("describes %s in plain words", (rule, description) => {
    expect(result.breakdown.find((b) => b.rule === rule)?.description).toBe(description);
  });

  it("lists the heaviest behaviour first", () => {
    const weights = behavior.map((b) => Math.abs(b.points));
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
  });

  it("says when a cap held points back", () => {
    const capped = play([0, 1, 2, 3].map((i) => view(T0 + i, "/pricing")));
    const item = evaluate({ state: capped, facts: FACTS, config: DEFAULT_SCORING, now: T0 + 10 }).breakdown.find((b) => b.rule === "visited_pricing");
    expect(item?.description).toBe("Visited pricing (4×, capped): +20");
  });

  it("leaves out rules the config no longer has", () => {
    const trimmed: ScoringConfig = { ...DEFAULT_SCORING, behavior: { rules: DEFAULT_SCORING.behavior.rules.filter((r) => r.id !== "careers_page") } };
    const r = evaluate({ state, facts: FACTS, config: trimmed, now });
    expect(r.breakdown.some((b) => b.rule === "careers_page")).toBe(false);
    expect(r.score).toBeCloseTo(result.score + 10 * 0.5 ** (14 / 30), 9);
  });
});

describe("formatPoints", () => {
  it.each([[20, "+20"], [14.142, "+14"], [7.94, "+7.9"], [-7.07, "-7.1"], [0.04, "+0"], [-0.04, "+0"], [-12.6, "-13"]])("%d → %s", (n, text) => {
    expect(formatPoints(n)).toBe(text);
  });
});
