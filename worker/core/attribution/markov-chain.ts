// First-order transition counts of journeys (ChannelAttribution convention) as an absorbing Markov chain.
import type { JourneyTable } from "./journey-table";

/** States are key ids 0..size-1; (start), (conversion) and (null) are kept as separate vectors. */
export interface MarkovChain {
  size: number;
  /** Probability that a journey starts at each key. */
  start: Float64Array;
  /** Per key: probability of converting / dropping out right after it. */
  toConversion: Float64Array;
  toNull: Float64Array;
  /** Key-to-key transitions as a sparse list of probabilities. */
  edgeFrom: Int32Array;
  edgeTo: Int32Array;
  edgeProbability: Float64Array;
}

/** Dense counting while a size² array stays small (faster than a Map); sparse above it. */
const DENSE_COUNT_LIMIT = 512;

/**
 * Each journey weighs conversions + nulls; its conversions go key→(conversion) and its nulls key→(null) from
 * the last key. Consecutive repeats of a key are collapsed (a > a > b is a > b): ChannelAttribution does this
 * and its reference transition matrix has no self-loops.
 */
export function markovChainOf(table: JourneyTable): MarkovChain {
  const size = table.keys.length;
  const start = new Float64Array(size);
  const toConversion = new Float64Array(size);
  const toNull = new Float64Array(size);
  const out = new Float64Array(size);
  const counter = edgeCounterOf(size);
  for (let j = 0; j < table.conversions.length; j++) {
    const conv = table.conversions[j]!;
    const nulls = table.nulls[j]!;
    const weight = conv + nulls;
    if (weight === 0) continue;
    const from = table.start[j]!;
    const to = table.start[j + 1]!;
    let prev = table.touchKey[from]!;
    start[prev]! += weight;
    for (let p = from + 1; p < to; p++) {
      const key = table.touchKey[p]!;
      if (key === prev) continue;
      counter.add(prev, key, weight);
      out[prev]! += weight;
      prev = key;
    }
    toConversion[prev]! += conv;
    toNull[prev]! += nulls;
    out[prev]! += weight;
  }
  return normalisedChain({ start, toConversion, toNull, out, edges: counter.edges() });
}

/** Counts of starts, absorptions and key-to-key steps (each key's `out`: all of its steps) as probabilities. */
export function normalisedChain(counts: {
  start: Float64Array;
  toConversion: Float64Array;
  toNull: Float64Array;
  out: Float64Array;
  edges: { from: Int32Array; to: Int32Array; count: Float64Array };
}): MarkovChain {
  const { start, toConversion, toNull, out, edges } = counts;
  const size = start.length;
  let starts = 0;
  for (let k = 0; k < size; k++) starts += start[k]!;
  for (let k = 0; k < size; k++) {
    if (starts > 0) start[k]! /= starts;
    if (out[k]! > 0) {
      toConversion[k]! /= out[k]!;
      toNull[k]! /= out[k]!;
    }
  }
  const edgeProbability = new Float64Array(edges.count.length);
  for (let e = 0; e < edgeProbability.length; e++) edgeProbability[e] = edges.count[e]! / out[edges.from[e]!]!;
  return { size, start, toConversion, toNull, edgeFrom: edges.from, edgeTo: edges.to, edgeProbability };
}

interface EdgeCounter {
  add(from: number, to: number, weight: number): void;
  edges(): { from: Int32Array; to: Int32Array; count: Float64Array };
}

function edgeCounterOf(size: number): EdgeCounter {
  if (size <= DENSE_COUNT_LIMIT) {
    const counts = new Float64Array(size * size);
    return {
      add: (from, to, weight) => void (counts[from * size + to]! += weight),
      edges: () => edgesOf(size, (visit) => counts.forEach((c, i) => c > 0 && visit(i, c))),
    };
  }
  const counts = new Map<number, number>();
  return {
    add: (from, to, weight) => void counts.set(from * size + to, (counts.get(from * size + to) ?? 0) + weight),
    edges: () => edgesOf(size, (visit) => counts.forEach((c, i) => visit(i, c))),
  };
}

function edgesOf(size: number, each: (visit: (cell: number, count: number) => void) => void) {
  const cells: number[] = [];
  const counts: number[] = [];
  each((cell, count) => {
    cells.push(cell);
    counts.push(count);
  });
  const from = new Int32Array(cells.length);
  const to = new Int32Array(cells.length);
  for (let e = 0; e < cells.length; e++) {
    from[e] = Math.floor(cells[e]! / size);
    to[e] = cells[e]! % size;
  }
  return { from, to, count: Float64Array.from(counts) };
}
