// The time-invariant key of a SUM of scores. Every score of a site decays by the same factor, so a sum decays by it
// too: Σ sᵢ·2^(Lᵢ − t/h) = 2^(−t/h) · Σ sᵢ·2^Lᵢ, where sᵢ is a key's sign and Lᵢ = sᵢ·rankᵢ its log-magnitude at t = 0
// (score-key.ts). The sum's own key is the log-sum-exp of the parts with their signs — computed around the largest Lᵢ,
// since the Lᵢ grow with time (t/h is in the hundreds for a 30-day half-life) and 2^Lᵢ alone would overflow.
import { ZERO_KEY, type ScoreKey } from "./score-key";

/** The key whose score is, at every instant, the sum of the scores of `keys`. */
export function sumOfKeys(keys: readonly ScoreKey[]): ScoreKey {
  const live = keys.filter((k) => k.sign !== 0);
  if (live.length === 0) return ZERO_KEY;
  const logs = live.map((k) => k.sign * k.rank);
  const top = logs.reduce((a, b) => Math.max(a, b), -Infinity);
  // Smallest terms first, so they are not lost to rounding before the large ones cancel or add.
  const terms = live.map((k, i) => k.sign * 2 ** (logs[i]! - top)).sort((a, b) => Math.abs(a) - Math.abs(b));
  const relative = terms.reduce((a, b) => a + b, 0);
  if (relative === 0 || !Number.isFinite(relative)) return ZERO_KEY;
  const sign = relative > 0 ? 1 : -1;
  return { sign, rank: sign * (top + Math.log2(Math.abs(relative))) };
}
