// Fit score: the fit rules a profile's facts satisfy, added up; in a group only the first matching rule counts.
import type { FitRuleConfig, ScoringConfig } from "../../../schema/scoring";
import type { FactLookup } from "./facts";
import { fitRuleHit, type FitHit } from "./fit-rule";

export interface FitMatch extends FitHit {
  rule: FitRuleConfig;
}

/** "email_type: corporate" says less than the domain that made it so. */
function explainedBy(hit: FitHit, fact: FactLookup): FitHit {
  const domain = hit.trait === "email_type" || hit.trait === "competitor" ? fact("email_domain") : undefined;
  return typeof domain === "string" ? { trait: "email_domain", value: domain } : hit;
}

/** Groups make tiers exclusive: a "VP, Head of Sales" is counted once as senior, not as VP plus head. */
export function fitMatches(fact: FactLookup, config: ScoringConfig): FitMatch[] {
  const usedGroups = new Set<string>();
  const matches: FitMatch[] = [];
  for (const rule of config.fit.rules) {
    if (rule.group !== undefined && usedGroups.has(rule.group)) continue;
    const hit = fitRuleHit(rule, fact);
    if (!hit) continue;
    if (rule.group !== undefined) usedGroups.add(rule.group);
    matches.push({ rule, ...explainedBy(hit, fact) });
  }
  return matches;
}

export function fitScore(matches: FitMatch[]): number {
  return matches.reduce((sum, m) => sum + m.rule.points, 0);
}
