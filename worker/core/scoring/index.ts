// Scoring and classification at the edge: the public API of the pure scoring core.
export type { BreakdownItem, Evaluation, Grade, ProfileFacts, Quality, RuleState, ScoreState, ScoringEvent, Stage } from "./types";
export type { ScoringConfig } from "../../../schema/scoring";
export { parseScoringConfig } from "../../../schema/scoring";
export { DEFAULT_SCORING } from "./default-config";
export { EMPTY_SCORE_STATE, applyEvent } from "./behavior";
export { mergeScoreStates } from "./merge";
export { evaluate } from "./evaluate";
export { nextStage } from "./stage";
export { leadQuality } from "./quality";
export { gradeOf } from "./grade";
export { labelOf } from "./label";
export { decayFactor } from "./decay";
export { describeQualityReason, formatPoints } from "./explain";
