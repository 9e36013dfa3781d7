// "Hottest first" without a clock: every behaviour point of a site fades with the same half-life h, so each profile's
// score is S(t) = S(t0) · 2^(−(t − t0)/h) and all of them shrink by the same factor as time passes. Comparing scores
// at any instant is therefore comparing sign(S) and log2|S(t0)| + t0/h — a key no clock changes. The store indexes
// (sign, rank) with rank = sign · (log2|S(t0)| + t0/h); lists sort by it and min_score becomes a bound on it, so the
// order, the filter and the number shown agree at every instant with no scheduled job.
import type { ScoringConfig } from "../../../schema/scoring";
import { siteHalfLife } from "./behavior";
import { decayFactor } from "./decay";
import type { ScoreState } from "./types";

export interface ScoreKey {
  sign: -1 | 0 | 1;
  rank: number;
}

export const ZERO_KEY: ScoreKey = Object.freeze({ sign: 0, rank: 0 });

/** The key of a behaviour ledger under a configuration (rules no longer configured count for nothing, as in evaluate). */
export function scoreKeyOf(state: ScoreState, config: ScoringConfig): ScoreKey {
  const h = siteHalfLife(config);
  const ledgers = config.behavior.rules.map((r) => state.rules[r.id]).filter((l) => l !== undefined && l.hits > 0);
  if (ledgers.length === 0) return ZERO_KEY;
  const ref = Math.max(...ledgers.map((l) => l!.at));
  const score = ledgers.reduce((sum, l) => sum + l!.value * decayFactor(ref - l!.at, h), 0);
  if (score === 0 || !Number.isFinite(score)) return ZERO_KEY;
  const sign = score > 0 ? 1 : -1;
  return { sign, rank: sign * (Math.log2(Math.abs(score)) + ref / h) };
}

/** The score a key stands for at `now`. */
export function scoreOfKey(key: ScoreKey, config: ScoringConfig, now: number): number {
  if (key.sign === 0) return 0;
  return key.sign * 2 ** (key.sign * key.rank - now / siteHalfLife(config));
}

/**
 * `score ≥ min` at `now` as a condition on the key. The score a profile shows is rounded to two decimals, so the bound
 * is the lowest score that shows as `min` (min − 0.005): a profile shown at 50.00 passes min_score=50.
 */
export type KeyBound =
  | { kind: "positive"; rank: number } // sign = 1 AND rank ≥ bound
  | { kind: "non_negative" } // sign ≥ 0
  | { kind: "above_negative"; rank: number }; // sign ≥ 0 OR rank ≥ bound

export function keyBoundOf(min: number, config: ScoringConfig, now: number): KeyBound {
  const floor = min - 0.005;
  const t = now / siteHalfLife(config);
  if (floor > 0) return { kind: "positive", rank: Math.log2(floor) + t };
  if (floor === 0) return { kind: "non_negative" };
  return { kind: "above_negative", rank: -(Math.log2(-floor) + t) };
}

/** Key order: higher scores first; ties broken by the caller (by id). */
export function compareKeys(a: ScoreKey, b: ScoreKey): number {
  return b.sign - a.sign || b.rank - a.rank;
}
