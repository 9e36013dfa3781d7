// Exact Shapley values of any cooperative game given by its worth function (exponential: validation only).

/** 2^20 coalitions: ~1M worth calls, a few MB. The attribution model never needs this (see shapley.ts). */
export const MAX_EXACT_PLAYERS = 20;

/**
 * φ_i = Σ_{S ⊆ N\{i}} |S|! (n-|S|-1)! / n! · (v(S ∪ {i}) − v(S)), coalitions as bitmasks (bit i = player i).
 * `worth(0)` is the empty coalition. Throws RangeError above MAX_EXACT_PLAYERS.
 */
export function shapleyValuesOf(players: number, worth: (coalition: number) => number): number[] {
  if (!Number.isInteger(players) || players < 0 || players > MAX_EXACT_PLAYERS) {
    throw new RangeError(`exact Shapley supports 0..${MAX_EXACT_PLAYERS} players, got ${players}`);
  }
  const size = 1 << players;
  const v = new Float64Array(size);
  for (let s = 1; s < size; s++) v[s] = worth(s);
  v[0] = players > 0 ? worth(0) : 0;
  // weightBySize[k] = k! (n-k-1)! / n!, built by ratios so no factorial overflows.
  const weightBySize = new Float64Array(Math.max(players, 1));
  if (players > 0) weightBySize[0] = 1 / players;
  for (let k = 1; k < players; k++) weightBySize[k] = (weightBySize[k - 1]! * k) / (players - k);
  const phi = new Array<number>(players).fill(0);
  for (let s = 0; s < size; s++) {
    const w = weightBySize[popCount(s)];
    for (let i = 0; i < players; i++) {
      const bit = 1 << i;
      if ((s & bit) === 0) phi[i]! += w! * (v[s | bit]! - v[s]!);
    }
  }
  return phi;
}

/** Coalitions ordered as published tables list them: singletons, then pairs, ..., each lexicographic. */
export function coalitionsInTableOrder(players: number): number[] {
  const masks: number[] = [];
  for (let s = 1; s < 1 << players; s++) masks.push(s);
  return masks.sort((a, b) => popCount(a) - popCount(b) || lexCompare(a, b));
}

function lexCompare(a: number, b: number): number {
  // Lowest set bit first = smallest player index first; the first differing member decides.
  for (let i = 0; i < 31; i++) {
    const bit = 1 << i;
    if ((a & bit) !== (b & bit)) return a & bit ? -1 : 1;
  }
  return 0;
}

function popCount(s: number): number {
  let c = 0;
  for (let x = s; x !== 0; x &= x - 1) c++;
  return c;
}
