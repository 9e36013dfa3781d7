// Fit score: the fit rules a profile's facts satisfy, added up; in a group only the first matching rule counts.
import type { FitRuleConfig, ScoringConfig } from "../../../schema/scoring";
import { factView } from "./facts";
import { fitRuleHit, type FitHit } from "./fit-rule";
import type { ProfileFacts } from "./types";

export interface FitMatch extends FitHit {
  rule: FitRuleConfig;
}

/** "email_type: corporate" says less than the domain that made it so. */
function explainedBy(hit: FitHit, view: Record<string, unknown>): FitHit {
  const derivedFromDomain = hit.trait === "email_type" || hit.trait === "competitor";
  return derivedFromDomain && typeof view.email_domain === "string" ? { trait: "email_domain", value: view.email_domain } : hit;
}

/** Groups make tiers exclusive: a "VP, Head of Sales" is counted once as senior, not as VP plus head. */
export function fitMatches(facts: ProfileFacts, config: ScoringConfig): FitMatch[] {
  const view = factView(facts, config);
  const usedGroups = new Set<string>();
  const matches: FitMatch[] = [];
  for (const rule of config.fit.rules) {
    if (rule.group !== undefined && usedGroups.has(rule.group)) continue;
    const hit = fitRuleHit(rule, view);
    if (!hit) continue;
    if (rule.group !== undefined) usedGroups.add(rule.group);
    matches.push({ rule, ...explainedBy(hit, view) });
  }
  return matches;
}

export function fitScore(matches: FitMatch[]): number {
  return matches.reduce((sum, m) => sum + m.rule.points, 0);
}
