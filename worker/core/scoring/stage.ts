// Lifecycle stage: visitor → lead (identified) → mql (qualified), with hysteresis so a hovering score cannot flap.
import type { ScoringConfig } from "../../../schema/scoring";
import { isGradeAtLeast } from "./grade";
import type { Evaluation, Stage } from "./types";

export interface StageInput {
  current: Stage;
  identified: boolean;
  evaluation: Evaluation;
  config: ScoringConfig;
}

/** sql and customer belong to the CRM and are kept; junk is never qualified (and an mql found to be junk drops to lead). */
export function nextStage(input: StageInput): Stage {
  const { current, identified, evaluation } = input;
  const { mql_min_score: threshold, mql_min_grade: minGrade, hysteresis } = input.config.stages;
  if (current === "sql" || current === "customer") return current;
  const junk = evaluation.quality.status === "junk";
  if (current === "mql") return junk || evaluation.score < threshold - hysteresis ? "lead" : "mql";
  if (!identified) return current;
  const qualified = !junk && evaluation.score >= threshold && isGradeAtLeast(evaluation.grade, minGrade);
  return qualified ? "mql" : "lead";
}
