// Two profiles found to be one person: their ledgers combine exactly (decayed to a common reference time), within caps.
import type { BehaviorRuleConfig, ScoringConfig } from "../../../schema/scoring";
import { SCORE_STATE_VERSION, siteHalfLife } from "./behavior";
import { decayFactor } from "./decay";
import type { RuleState, ScoreState } from "./types";

/** Each side may have used its whole budget; scaling the merged ledger back keeps the person within the cap. */
function withinCap(total: number, cap: number | undefined): number {
  return cap === undefined || Math.abs(total) <= cap ? 1 : cap / Math.abs(total);
}

export function mergeRuleStates(x: RuleState, y: RuleState, rule: BehaviorRuleConfig | undefined, halfLife: number): RuleState {
  const at = Math.max(x.at, y.at);
  const value = x.value * decayFactor(at - x.at, halfLife) + y.value * decayFactor(at - y.at, halfLife);
  const lifetime = x.lifetime + y.lifetime;
  const lifeScale = withinCap(lifetime, rule?.max_lifetime);
  const day = x.day > y.day ? x.day : y.day;
  const dayPoints = (x.day === day ? x.day_points : 0) + (y.day === day ? y.day_points : 0);
  return {
    value: value * lifeScale,
    at,
    lifetime: lifetime * lifeScale,
    day,
    day_points: dayPoints * withinCap(dayPoints, rule?.max_per_day),
    hits: x.hits + y.hits,
  };
}

/** Exact below the caps; above a lifetime cap the merged value is scaled down in proportion. */
export function mergeScoreStates(a: ScoreState, b: ScoreState, config: ScoringConfig): ScoreState {
  const byId = new Map(config.behavior.rules.map((r) => [r.id, r]));
  const rules: Record<string, RuleState> = { ...a.rules };
  for (const [id, theirs] of Object.entries(b.rules)) {
    const ours = rules[id];
    const rule = byId.get(id);
    rules[id] = ours ? mergeRuleStates(ours, theirs, rule, siteHalfLife(config)) : theirs;
  }
  return { version: SCORE_STATE_VERSION, rules };
}
