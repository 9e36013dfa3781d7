// One profile's numbers at `now`: decayed behaviour score, fit and grade, label, quality and the breakdown behind them.
import type { ScoringConfig } from "../../../schema/scoring";
import { siteHalfLife } from "./behavior";
import { valueAt } from "./decay";
import { describeBehavior, describeFit } from "./explain";
import { factLookup } from "./facts";
import { fitMatches } from "./fit";
import { fitKnown, gradeOf } from "./grade";
import { labelOf } from "./label";
import { leadQuality } from "./quality";
import type { BreakdownItem, Evaluation, ProfileFacts, ScoreState } from "./types";

/** Rules no longer in the config are left out: the score always follows the current rules. */
export function behaviorBreakdown(state: ScoreState, config: ScoringConfig, now: number): BreakdownItem[] {
  return config.behavior.rules.flatMap((rule) => {
    const ledger = state.rules[rule.id];
    if (!ledger || ledger.hits === 0) return [];
    const points = valueAt({ value: ledger.value, at: ledger.at, now, halfLife: siteHalfLife(config) });
    const description = describeBehavior(rule, ledger, points);
    return [{ rule: rule.id, kind: "behavior" as const, points, awarded: ledger.lifetime, hits: ledger.hits, description }];
  });
}

const byWeight = (a: BreakdownItem, b: BreakdownItem) => Math.abs(b.points) - Math.abs(a.points);

export function evaluate(input: { state: ScoreState; facts: ProfileFacts; config: ScoringConfig; now: number }): Evaluation {
  const { state, facts, config, now } = input;
  const behavior = behaviorBreakdown(state, config, now).sort(byWeight);
  const fact = factLookup(facts, config);
  const fits: BreakdownItem[] = fitMatches(fact, config)
    .map((m) => ({ rule: m.rule.id, kind: "fit" as const, points: m.rule.points, awarded: m.rule.points, hits: 1, description: describeFit(m) }))
    .sort(byWeight);
  // summed in listed order, so the breakdown adds up to the score to the last bit
  const score = behavior.reduce((sum, item) => sum + item.points, 0);
  const fit = fits.reduce((sum, item) => sum + item.points, 0);
  const grade = fitKnown(fact, config) ? gradeOf(fit, config.fit.grades) : null;
  return {
    score,
    fit,
    grade,
    label: labelOf({ state, config, score, fit, grade, now }),
    quality: leadQuality(facts, config),
    breakdown: [...behavior, ...fits],
  };
}
