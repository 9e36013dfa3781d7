// Behaviour ledger: the points an event earns under each matching rule, within daily and lifetime caps, decayed exactly.
import type { BehaviorRuleConfig, ScoringConfig } from "../../../schema/scoring";
import { decayFactor, halfLifeMs } from "./decay";
import { eventMatches } from "./match";
import type { RuleState, ScoreState, ScoringEvent } from "./types";
// Caps count UTC days, so a profile's budget does not depend on which data centre scored it.
import { utcDay } from "../time";

export const SCORE_STATE_VERSION = 1;
export const EMPTY_SCORE_STATE: ScoreState = Object.freeze({ version: SCORE_STATE_VERSION, rules: Object.freeze({}) });

type CapRule = Pick<BehaviorRuleConfig, "points" | "max_per_day" | "max_lifetime">;

/** Every behaviour point of a site fades at the site's one half-life, which is what makes scores sortable (score-key.ts). */
export function siteHalfLife(config: ScoringConfig): number {
  return halfLifeMs(config.half_life_days);
}

/** The rule's points, trimmed so the day's and the lifetime's awarded magnitude stay within the caps. */
function awardFor(rule: CapRule, dayPoints: number, lifetime: number): number {
  const room = Math.min(
    rule.max_per_day === undefined ? Infinity : rule.max_per_day - Math.abs(dayPoints),
    rule.max_lifetime === undefined ? Infinity : rule.max_lifetime - Math.abs(lifetime),
  );
  const magnitude = Math.max(0, Math.min(Math.abs(rule.points), room));
  return magnitude === 0 ? 0 : Math.sign(rule.points) * magnitude;
}

export function ruleStateAfterHit(prev: RuleState | undefined, rule: CapRule, at: number, halfLife: number): RuleState {
  const day = utcDay(at);
  const base = prev ?? { value: 0, at, lifetime: 0, day, day_points: 0, hits: 0 };
  // The state remembers one day; a late event from an earlier day shares the latest day's budget, so caps still hold.
  const newDay = day > base.day;
  const dayPoints = newDay ? 0 : base.day_points;
  const award = awardFor(rule, dayPoints, base.lifetime);
  // Keep the reference time at the latest event: older points are decayed forward to it, so the sum stays exact.
  const later = at >= base.at;
  return {
    value: later ? base.value * decayFactor(at - base.at, halfLife) + award : base.value + award * decayFactor(base.at - at, halfLife),
    at: later ? at : base.at,
    lifetime: base.lifetime + award,
    day: newDay ? day : base.day,
    day_points: dayPoints + award,
    hits: base.hits + 1,
  };
}

/** Adds the points the event earns under the config, honouring per-day and lifetime caps. Exact decay: each rule keeps
 *  its value at reference time `at`; value(now) = value · 2^(-(now-at)/halfLife). Pure; returns a new state, or the
 *  same object when no rule matched (so callers can skip a write). */
export function applyEvent(state: ScoreState, event: ScoringEvent, config: ScoringConfig): ScoreState {
  if (!Number.isFinite(event.at)) return state;
  let rules = state.rules;
  for (const rule of config.behavior.rules) {
    if (!eventMatches(rule.match, event)) continue;
    rules = { ...rules, [rule.id]: ruleStateAfterHit(rules[rule.id], rule, event.at, siteHalfLife(config)) };
  }
  return rules === state.rules ? state : { version: SCORE_STATE_VERSION, rules };
}
