// nextStage: visitor → lead → mql with hysteresis; junk never qualifies; sql and customer belong to the CRM.
import { describe, expect, it } from "vitest";
import { DEFAULT_SCORING, nextStage, type Evaluation, type Grade, type Quality, type Stage } from "../../worker/core/scoring";

const config = DEFAULT_SCORING; // mql at score ≥ 50 with grade C or better; back to lead below 40
const VALID: Quality = { status: "valid", reasons: [] };
const JUNK: Quality = { status: "junk", reasons: ["disposable_email"] };
const evaluation = (score: number, grade: Grade = "B", quality: Quality = VALID): Evaluation => ({ score, fit: 0, grade, label: "browser", quality, breakdown: [] });

describe("nextStage", () => {
  it.each<[string, Stage, boolean, Evaluation, Stage]>([
    ["an anonymous visitor stays a visitor, however hot", "visitor", false, evaluation(500, "A"), "visitor"],
    ["a visitor who identifies becomes a lead", "visitor", true, evaluation(10), "lead"],
    ["a visitor who identifies already qualified goes straight to mql", "visitor", true, evaluation(60), "mql"],
    ["a lead at the threshold qualifies", "lead", true, evaluation(50, "C"), "mql"],
    ["a lead just under the threshold does not", "lead", true, evaluation(49.999), "lead"],
    ["a lead with too poor a grade does not", "lead", true, evaluation(90, "D"), "lead"],
    ["a junk lead never qualifies", "lead", true, evaluation(900, "A", JUNK), "lead"],
    ["a suspect lead may qualify", "lead", true, evaluation(60, "B", { status: "suspect", reasons: ["form_too_fast"] }), "mql"],
    ["an mql inside the hysteresis band stays", "mql", true, evaluation(40), "mql"],
    ["an mql below threshold − hysteresis drops to lead", "mql", true, evaluation(39.999), "lead"],
    ["an mql whose grade fell stays (only the score band demotes)", "mql", true, evaluation(45, "F"), "mql"],
    ["an mql found to be junk drops to lead", "mql", true, evaluation(80, "A", JUNK), "lead"],
    ["a lead never goes back to visitor", "lead", false, evaluation(0), "lead"],
    ["sql is the CRM's, kept even when cold", "sql", true, evaluation(0, "F", JUNK), "sql"],
    ["customer is the CRM's, kept", "customer", true, evaluation(0), "customer"],
  ])("%s", (_name, current, identified, ev, expected) => {
    expect(nextStage({ current, identified, evaluation: ev, config })).toBe(expected);
  });

  it("moves through a hovering score with one qualification per crossing of the band", () => {
    const scores = [45, 50, 49, 41, 40, 39.9, 45, 49.9, 50, 38, 55];
    let stage: Stage = "lead";
    const stages = scores.map((s) => (stage = nextStage({ current: stage, identified: true, evaluation: evaluation(s), config })));
    expect(stages).toEqual(["lead", "mql", "mql", "mql", "mql", "lead", "lead", "lead", "mql", "lead", "mql"]);
  });
});
