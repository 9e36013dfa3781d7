// Exact continuous exponential decay: a value v held at time `at` is worth v · 2^(−(now − at) / halfLife) at `now`.
export const DAY_MS = 86_400_000;

export function halfLifeMs(days: number): number {
  return days * DAY_MS;
}

/** Multiplier after `elapsedMs`; a read from before the reference time (clock skew) never inflates a value. */
export function decayFactor(elapsedMs: number, halfLife: number): number {
  return elapsedMs <= 0 ? 1 : Math.pow(2, -elapsedMs / halfLife);
}

export function valueAt(input: { value: number; at: number; now: number; halfLife: number }): number {
  return input.value * decayFactor(input.now - input.at, input.halfLife);
}
