// Markov-chain removal-effect attribution, solved exactly (no simulation).
import { emptyCreditsOf, type Credits } from "./credits";
import type { JourneyTable } from "./journey-table";
import { markovChainOf } from "./markov-chain";
import { denseRemovalEffects } from "./markov-dense";
import { sparseRemovalEffects } from "./markov-sparse";

/** Dense inversion is ~size³ flops and size² × 8 bytes: 400 keys ≈ 64M flops and 1.3 MB. */
export const DEFAULT_MARKOV_DENSE_LIMIT = 400;

/** Removal effect per key id: 1 − P(conversion with the key removed) / P(conversion). */
export function removalEffectsOf(table: JourneyTable, denseLimit = DEFAULT_MARKOV_DENSE_LIMIT): Float64Array {
  const chain = markovChainOf(table);
  return chain.size <= denseLimit ? denseRemovalEffects(chain) : sparseRemovalEffects(chain);
}

/** Removal effects normalised to shares, applied to total conversions and total value alike. */
export function markovCredits(table: JourneyTable, denseLimit?: number): Credits {
  const effects = removalEffectsOf(table, denseLimit);
  const credits = emptyCreditsOf(table);
  let sum = 0;
  for (const e of effects) sum += e;
  if (sum <= 0) return credits;
  for (let k = 0; k < effects.length; k++) {
    credits.conversions[k] = (effects[k]! / sum) * table.totalConversions;
    credits.value[k] = (effects[k]! / sum) * table.totalValue;
  }
  return credits;
}
