// Grades from fit: A is the best; each threshold is the lowest fit that earns the grade, anything below E is F.
import { GRADES, type ScoringConfig } from "../../../schema/scoring";
import type { Grade } from "./types";

export function gradeOf(fit: number, thresholds: ScoringConfig["fit"]["grades"]): Grade {
  return (["A", "B", "C", "D", "E"] as const).find((g) => fit >= thresholds[g]) ?? "F";
}

/** "at least C" means C, B or A. */
export function isGradeAtLeast(grade: Grade, minimum: Grade): boolean {
  return GRADES.indexOf(grade) <= GRADES.indexOf(minimum);
}
