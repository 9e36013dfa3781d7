// Labels from combinations of behaviour and fit: the first label rule whose conditions all hold names the lead.
import type { LabelRuleConfig, ScoringConfig } from "../../../schema/scoring";
import { DAY_MS } from "./decay";
import { isGradeAtLeast } from "./grade";
import type { Grade, ScoreState } from "./types";

export interface LabelInput {
  state: ScoreState;
  config: ScoringConfig;
  score: number;
  fit: number;
  grade: Grade | null;
  now: number;
}

/** A rule "has hits" when it matched at least once (within `within_days` of now, when given). */
function ruleActive(input: LabelInput, id: string, withinDays: number | undefined): boolean {
  const rule = input.state.rules[id];
  if (!rule || rule.hits === 0) return false;
  return withinDays === undefined || input.now - rule.at <= withinDays * DAY_MS;
}

export function labelRuleHolds(when: LabelRuleConfig["when"], input: LabelInput): boolean {
  const active = (id: string) => ruleActive(input, id, when.within_days);
  return (
    (when.min_score === undefined || input.score >= when.min_score) &&
    (when.max_score === undefined || input.score <= when.max_score) &&
    (when.min_fit === undefined || input.fit >= when.min_fit) &&
    (when.min_grade === undefined || isGradeAtLeast(input.grade, when.min_grade)) &&
    (when.any_rules === undefined || when.any_rules.some(active)) &&
    (when.all_rules === undefined || when.all_rules.every(active))
  );
}

export function labelOf(input: LabelInput): string {
  const labels = input.config.labels;
  return labels.rules.find((rule) => labelRuleHolds(rule.when, input))?.label ?? labels.default;
}
