// Scripted visitor journeys through the consumer's plan and the default config: labels, stages, quality, and a hovering
// score that must not flap.
import { describe, expect, it } from "vitest";
import type { ScoringConfig } from "../../schema/scoring";
import type { EventType } from "../../schema/vocabulary";
import { factsOf } from "../../worker/core/profiles/profile";
import { DEFAULT_SCORING, evaluate, type ScoringEvent } from "../../worker/core/scoring";
import { event, MemoryConsumer } from "./support/consumer";

const DAY = 86_400_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 4, 4, 8, 0, 0);

interface Step {
  at: number;
  event?: Partial<Pick<ScoringEvent, "path" | "name" | "props">> & { type: EventType };
  identify?: { email?: string; phone?: string; traits?: Record<string, unknown> };
}
const page = (day: number, path: string): Step => ({ at: T0 + day * DAY, event: { type: "pageview", path } });

/**
 * A visitor's steps through the consumer's own plan (one queue batch per step; a step with nothing sent is the hourly
 * cron cooling qualified leads), read back as the API would show the profile at that moment.
 */
function journey(steps: Step[], config: ScoringConfig = DEFAULT_SCORING) {
  const consumer = new MemoryConsumer(config);
  return steps.map((step) => {
    if (step.event || step.identify) {
      const { type = "identify", path, name = null, props = {} } = step.event ?? {};
      const { email, phone, traits = {} } = step.identify ?? {};
      const identity = { ...traits, ...(email ? { email } : {}), ...(phone ? { phone } : {}) };
      // Forms are filled at a human pace (quality checks for bots that fill them in milliseconds).
      const formProps = type === "form" ? { form_ms: 12_000 } : {};
      consumer.batch([event({ at: step.at, type, path: path ?? "/", name, props: { ...formProps, ...props }, traits: identity })], step.at);
    } else consumer.cool(step.at);
    const p = consumer.profileOf("s", "a1")!;
    return { stage: p.stage, ...evaluate({ state: p.score_state, facts: factsOf(p), config, now: step.at }) };
  });
}
const last = <T>(xs: T[]): T => xs[xs.length - 1] as T;

describe("journeys with the default config", () => {
  it("a browser reading the blog stays an anonymous browser", () => {
    const trail = journey([page(0, "/"), page(0, "/blog/lead-scoring-101"), page(0, "/about"), page(3, "/blog/attribution")]);
    expect(trail.map((t) => [t.stage, t.label])).toEqual(Array(4).fill(["visitor", "browser"]));
    // three page views on day 0 and one on day 3, a point each, decayed with the 30-day half-life; day 3 is a second
    // session (30 idle minutes end one), which the consumer scores as a returning visit (+5)
    expect(last(trail).score).toBeCloseTo(3 * 0.5 ** (3 / 30) + 1 + 5, 12);
  });

  it("a comparison shopper is labelled so and becomes a lead, not yet an mql, when they identify", () => {
    const trail = journey([
      page(0, "/"),
      page(0, "/pricing"),
      page(1, "/blog/acme-vs-rival"),
      { at: T0 + 2 * DAY, event: { type: "form", path: "/blog/newsletter", props: { form_id: "newsletter" } }, identify: { email: "ana@acme.io", traits: { job_title: "Marketing Manager" } } },
    ]);
    expect(trail.map((t) => t.label)).toEqual(["browser", "comparison_shopper", "comparison_shopper", "comparison_shopper"]);
    expect(trail.map((t) => t.stage)).toEqual(["visitor", "visitor", "visitor", "lead"]);
    expect(last(trail)).toMatchObject({ grade: "C", fit: 25, quality: { status: "valid", reasons: [] } });
    expect(last(trail).score).toBeLessThan(DEFAULT_SCORING.stages.mql_min_score);
  });

  const readyToBuy = (email: string): Step[] => [
    page(0, "/pricing"),
    page(0, "/features/routing"),
    page(1, "/customers/acme-corp"),
    page(1, "/demo"),
    {
      at: T0 + DAY + 60_000,
      event: { type: "form", path: "/demo", props: { form_id: "demo-request" } },
      identify: { email, traits: { job_title: "CTO", company_size: "201-500", timeline: "This quarter" } },
    },
  ];

  it("a visitor who asks for a demo is ready to buy, graded A and qualified", () => {
    const trail = journey(readyToBuy("cto@acme.io"));
    expect(trail.map((t) => t.label)).toEqual(["comparison_shopper", "comparison_shopper", "comparison_shopper", "comparison_shopper", "ready_to_buy"]);
    expect(trail.map((t) => t.stage)).toEqual(["visitor", "visitor", "visitor", "visitor", "mql"]);
    expect(last(trail)).toMatchObject({ grade: "A", quality: { status: "valid" } });
  });

  it("a disposable-e-mail lead is junk and never reaches mql, however active", () => {
    const busy: Step[] = [...readyToBuy("lead@mailinator.com")];
    for (let d = 2; d < 20; d++) busy.push(page(d, "/pricing"), page(d, "/compare/rival"), { at: T0 + d * DAY + 1, event: { type: "track", name: "demo_requested" } });
    const trail = journey(busy);
    expect(last(trail).quality).toEqual({ status: "junk", reasons: ["disposable_email", "no_valid_contact"] });
    expect(Math.max(...trail.map((t) => t.score))).toBeGreaterThan(2 * DEFAULT_SCORING.stages.mql_min_score);
    expect(trail.filter((t) => t.stage === "mql")).toEqual([]);
    expect(last(trail).stage).toBe("lead");
  });

  it("a lead whose interest fades drops back to lead once, below threshold − hysteresis", () => {
    const steps: Step[] = readyToBuy("cto@acme.io");
    for (let h = 1; h <= 120 * 24; h += 6) steps.push({ at: T0 + DAY + h * HOUR });
    const trail = journey(steps);
    const { mql_min_score: threshold, hysteresis } = DEFAULT_SCORING.stages;
    const firstDrop = trail.findIndex((t, i) => i > 0 && t.stage === "lead" && trail[i - 1]?.stage === "mql");
    expect(trail.slice(4, firstDrop).every((t) => t.stage === "mql" && t.score >= threshold - hysteresis)).toBe(true);
    expect(trail[firstDrop]?.score).toBeLessThan(threshold - hysteresis);
    expect(trail.slice(firstDrop).every((t) => t.stage === "lead")).toBe(true);
  });
});

describe("hysteresis", () => {
  /** An identified C-grade lead who comes back every day to one page: the score settles just under the threshold and
   *  saw-tooths across it (decay between visits, +1 per visit). */
  function hovering(hysteresis: number) {
    const config: ScoringConfig = {
      ...DEFAULT_SCORING,
      behavior: { rules: [{ id: "visit", description: "Visited", points: 1, match: { type: ["pageview"] } }] },
      stages: { ...DEFAULT_SCORING.stages, hysteresis },
    };
    const steps: Step[] = [];
    for (let i = 0; i < 52; i++) steps.push({ at: T0 + i, event: { type: "pageview", path: "/" }, identify: { email: "ana@acme.io", traits: { job_title: "Manager" } } });
    for (let h = 1; h <= 60 * 24; h++) steps.push({ at: T0 + h * HOUR, event: h % 24 === 0 ? { type: "pageview", path: "/" } : undefined });
    const trail = journey(steps, config);
    const crossings = trail.filter((t, i) => t.stage === "mql" && trail[i - 1]?.stage !== "mql").length;
    return { trail, crossings };
  }

  it("keeps a hovering score qualified: one crossing, one alert", () => {
    const { trail, crossings } = hovering(DEFAULT_SCORING.stages.hysteresis);
    const scores = trail.slice(52).map((t) => t.score);
    // the score really does hover across the threshold…
    expect(Math.min(...scores)).toBeLessThan(DEFAULT_SCORING.stages.mql_min_score);
    expect(Math.max(...scores.slice(24))).toBeGreaterThanOrEqual(DEFAULT_SCORING.stages.mql_min_score);
    // …yet the stage does not flap
    expect(crossings).toBe(1);
  });

  it("would flap without hysteresis (the same journey, hysteresis 0)", () => {
    expect(hovering(0).crossings).toBeGreaterThan(3);
  });
});
