// Compressed sparse rows of a chain's key-to-key transitions, and Gauss-Seidel solves over them.
import type { MarkovChain } from "./markov-chain";

/** A sweep that moves no value by more than this fraction of the largest one ends a solve. */
const RELATIVE_TOLERANCE = 1e-14;
const MAX_SWEEPS = 100_000;

/** Row i holds the edges at [offset[i], offset[i + 1]): other end and probability. */
export interface Rows {
  offset: Int32Array;
  other: Int32Array;
  probability: Float64Array;
}

/** Outgoing edges per key (forward) or incoming edges per key (reverse). */
export function rowsOf(chain: MarkovChain, direction: "forward" | "reverse"): Rows {
  const [rowEnd, otherEnd] =
    direction === "forward" ? [chain.edgeFrom, chain.edgeTo] : [chain.edgeTo, chain.edgeFrom];
  const offset = new Int32Array(chain.size + 1);
  for (const row of rowEnd) offset[row + 1]!++;
  for (let i = 0; i < chain.size; i++) offset[i + 1]! += offset[i]!;
  const fill = offset.slice(0, chain.size);
  const other = new Int32Array(rowEnd.length);
  const probability = new Float64Array(rowEnd.length);
  for (let e = 0; e < rowEnd.length; e++) {
    const slot = fill[rowEnd[e]!]!++;
    other[slot] = otherEnd[e]!;
    probability[slot] = chain.edgeProbability[e]!;
  }
  return { offset, other, probability };
}

/**
 * Solves y = base + M·y by Gauss-Seidel, M given by rows (forward rows: y = r + Q·y; reverse rows: y = π + Qᵀ·y).
 * Converges because Q is substochastic with spectral radius < 1 (every key reaches absorption).
 */
export function solvedBySweeps(rows: Rows, base: Float64Array): Float64Array {
  const y = new Float64Array(base.length);
  for (let sweep = 1; sweep <= MAX_SWEEPS; sweep++) {
    let moved = 0;
    let largest = 0;
    for (let i = 0; i < y.length; i++) {
      let next = base[i]!;
      for (let e = rows.offset[i]!; e < rows.offset[i + 1]!; e++) next += rows.probability[e]! * y[rows.other[e]!]!;
      moved = Math.max(moved, Math.abs(next - y[i]!));
      largest = Math.max(largest, next);
      y[i] = next;
    }
    if (moved <= RELATIVE_TOLERANCE * largest) break;
  }
  return y;
}
