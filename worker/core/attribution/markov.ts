// Markov-chain removal-effect attribution, solved exactly (no simulation).
import { emptyCreditsOf, type Credits } from "./credits";
import type { JourneyTable } from "./journey-table";
import { lumpedTable } from "./lumped-table";
import { markovChainOf, type MarkovChain } from "./markov-chain";
import { denseRemovalEffects } from "./markov-dense";
import { sparseRemovalEffects } from "./markov-sparse";
import type { AttributionOptions, MarkovSolver } from "./types";

/**
 * Dense needs keys² × 8 bytes (1024 keys = 8 MB of a Worker's 128 MB) and ~keys³ flops; up to there it beat the
 * sparse push even on sparse graphs in bench/attribution-pure.ts, so "auto" switches on size alone.
 */
export const MAX_DENSE_KEYS = 1024;

/** Removal effect per key id: 1 − P(conversion with the key removed) / P(conversion). */
export function removalEffectsOf(table: JourneyTable, solver: MarkovSolver = "auto"): Float64Array {
  return chainRemovalEffects(markovChainOf(table), solver);
}

/** Removal effect per state of a chain, by the solver its size calls for. */
export function chainRemovalEffects(chain: MarkovChain, solver: MarkovSolver = "auto"): Float64Array {
  const dense = solver === "dense" || (solver === "auto" && chain.size <= MAX_DENSE_KEYS);
  return dense ? denseRemovalEffects(chain) : sparseRemovalEffects(chain);
}

/** The table the chain is built from: the journeys' own keys, or lumped when markovMaxKeys asks for it. */
export function markovTableOf(table: JourneyTable, options: AttributionOptions): JourneyTable {
  return options.markovMaxKeys === undefined ? table : lumpedTable(table, options.markovMaxKeys);
}

/** Removal effects normalised to shares, applied to total conversions and total value alike. */
export function markovCredits(journeyTable: JourneyTable, options: AttributionOptions = {}): Credits {
  const table = markovTableOf(journeyTable, options);
  const effects = removalEffectsOf(table, options.markovSolver);
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
