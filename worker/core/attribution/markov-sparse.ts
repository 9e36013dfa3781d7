// Removal effects for many keys (e.g. campaigns): Gauss-Seidel on the sparse chain, one solve per key.
import type { MarkovChain } from "./markov-chain";

/** Stop when no probability moved more than this in a sweep (probabilities are ≤ 1, so it is absolute). */
const TOLERANCE = 1e-13;
const MAX_SWEEPS = 10_000;

interface Rows {
  offset: Int32Array;
  to: Int32Array;
  probability: Float64Array;
}

/**
 * x_i = r_i + Σ_j Q_ij·x_j solved by Gauss-Seidel (converges: Q is substochastic with spectral radius < 1).
 * Removing key c pins x_c = 0 and re-solves warm-started from the full solution, which is an upper bound, so the
 * sweeps descend monotonically. O(keys × edges × sweeps) time, O(keys + edges) memory.
 */
export function sparseRemovalEffects(chain: MarkovChain): Float64Array {
  const rows = rowsOf(chain);
  const full = new Float64Array(chain.size);
  solveInPlace(chain, rows, full, -1);
  const pConversion = dot(chain.start, full);
  const effects = new Float64Array(chain.size);
  if (pConversion <= 0) return effects;
  const removed = new Float64Array(chain.size);
  for (let c = 0; c < chain.size; c++) {
    if (full[c] === 0) continue;
    removed.set(full);
    removed[c] = 0;
    solveInPlace(chain, rows, removed, c);
    effects[c] = 1 - dot(chain.start, removed) / pConversion;
  }
  return effects;
}

function solveInPlace(chain: MarkovChain, rows: Rows, x: Float64Array, pinned: number): void {
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let moved = 0;
    for (let i = 0; i < chain.size; i++) {
      if (i === pinned) continue;
      let next = chain.toConversion[i]!;
      for (let e = rows.offset[i]!; e < rows.offset[i + 1]!; e++) next += rows.probability[e]! * x[rows.to[e]!]!;
      moved = Math.max(moved, Math.abs(next - x[i]!));
      x[i] = next;
    }
    if (moved <= TOLERANCE) return;
  }
}

/** Compressed rows (CSR) so each sweep walks the edges of one key contiguously. */
function rowsOf(chain: MarkovChain): Rows {
  const offset = new Int32Array(chain.size + 1);
  for (const from of chain.edgeFrom) offset[from + 1]!++;
  for (let i = 0; i < chain.size; i++) offset[i + 1]! += offset[i]!;
  const fill = offset.slice(0, chain.size);
  const to = new Int32Array(chain.edgeFrom.length);
  const probability = new Float64Array(chain.edgeFrom.length);
  for (let e = 0; e < chain.edgeFrom.length; e++) {
    const slot = fill[chain.edgeFrom[e]!]!++;
    to[slot] = chain.edgeTo[e]!;
    probability[slot] = chain.edgeProbability[e]!;
  }
  return { offset, to, probability };
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}
