// Grades from fit: A is the best; each threshold is the lowest fit that earns the grade, anything below E is F.
// While nothing a fit rule reads is known about a person (an anonymous visitor), there is no grade: null, "unknown fit".
import { GRADES, type ScoringConfig } from "../../../schema/scoring";
import type { FactLookup } from "./facts";
import type { Grade } from "./types";

export function gradeOf(fit: number, thresholds: ScoringConfig["fit"]["grades"]): Grade {
  return (["A", "B", "C", "D", "E"] as const).find((g) => fit >= thresholds[g]) ?? "F";
}

const hasValue = (v: unknown): boolean =>
  Array.isArray(v) ? v.some(hasValue) : typeof v === "string" ? v.trim() !== "" : typeof v === "number" || typeof v === "boolean";

/** Is anything known that the fit rules read? A trait's absence is not knowledge, even to a `present: false` rule. */
export function fitKnown(fact: FactLookup, config: ScoringConfig): boolean {
  return config.fit.rules.some((rule) => rule.traits.some((t) => hasValue(fact(t))));
}

/** "at least C" means C, B or A. An unknown fit passes only "at least F", which asks for nothing. */
export function isGradeAtLeast(grade: Grade | null, minimum: Grade): boolean {
  if (grade === null) return minimum === "F";
  return GRADES.indexOf(grade) <= GRADES.indexOf(minimum);
}
