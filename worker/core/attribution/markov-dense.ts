// Exact removal effects by inverting the fundamental matrix (I − Q) with Gauss-Jordan elimination.
import type { MarkovChain } from "./markov-chain";

/**
 * With N = (I − Q)⁻¹, x = N·r (P(conversion) from each key) and visits = startᵀ·N, removing key c loses exactly
 * the conversions of paths that reach c: P(conv) − P(reach c)·x_c, and P(reach c) = visits_c / N_cc (strong
 * Markov property). So removal effect_c = visits_c·x_c / (N_cc·P(conv)), from ONE inversion instead of one solve
 * per key. O(size³) time, size² memory.
 */
export function denseRemovalEffects(chain: MarkovChain): Float64Array {
  const n = chain.size;
  const inverse = new Float64Array(n * n);
  for (let k = 0; k < n; k++) inverse[k * n + k] = 1;
  for (let e = 0; e < chain.edgeFrom.length; e++) {
    inverse[chain.edgeFrom[e]! * n + chain.edgeTo[e]!]! -= chain.edgeProbability[e]!;
  }
  invertInPlace(inverse, n);
  const effects = new Float64Array(n);
  const x = new Float64Array(n);
  let pConversion = 0;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += inverse[i * n + k]! * chain.toConversion[k]!;
    x[i] = sum;
    pConversion += chain.start[i]! * sum;
  }
  if (pConversion <= 0) return effects;
  for (let c = 0; c < n; c++) {
    let visits = 0;
    for (let i = 0; i < n; i++) visits += chain.start[i]! * inverse[i * n + c]!;
    effects[c] = (visits * x[c]!) / (inverse[c * n + c]! * pConversion);
  }
  return effects;
}

/**
 * In-place Gauss-Jordan without pivoting. I − Q of an absorbing chain (every key can reach absorption) is a
 * nonsingular M-matrix, whose pivots stay positive and for which elimination without pivoting is stable.
 */
function invertInPlace(a: Float64Array, n: number): void {
  for (let k = 0; k < n; k++) {
    const pivot = a[k * n + k]!;
    if (!(pivot > 0)) throw new Error(`singular chain at key ${k}: a state that never reaches absorption`);
    a[k * n + k] = 1;
    const rowK = k * n;
    for (let j = 0; j < n; j++) a[rowK + j]! /= pivot;
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const rowI = i * n;
      const factor = a[rowI + k]!;
      if (factor === 0) continue;
      a[rowI + k] = 0;
      for (let j = 0; j < n; j++) a[rowI + j]! -= factor * a[rowK + j]!;
    }
  }
}
