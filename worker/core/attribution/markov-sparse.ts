// Removal effects for many keys (e.g. campaigns): sparse solves plus a local reverse push per key.
import type { MarkovChain } from "./markov-chain";
import { rowsOf, solvedBySweeps } from "./markov-rows";

/** Reach probabilities are pushed until what is left is below this fraction of the key's expected visits. */
const PUSH_TOLERANCE = 1e-12;

/**
 * Same identity as the dense solver: removal effect_c = P(reach c)·x_c / P(conv), with x = P(conversion) from
 * each key (one forward solve). P(reach c) comes from a reverse push (Andersen et al. 2006 style) out of c along
 * incoming edges: it only visits keys that lead to c with non-negligible probability, so for sparse graphs (many
 * campaigns that each meet few others) the cost per key is local instead of a solve over all keys. The residual
 * left behind bounds the error: ≤ PUSH_TOLERANCE × expected visits of c ≤ PUSH_TOLERANCE × N_cc × P(reach c).
 */
export function sparseRemovalEffects(chain: MarkovChain): Float64Array {
  const n = chain.size;
  const forward = rowsOf(chain, "forward");
  const reverse = rowsOf(chain, "reverse");
  const x = solvedBySweeps(forward, chain.toConversion);
  const visits = solvedBySweeps(reverse, chain.start);
  let pConversion = 0;
  let pathLength = 0;
  for (let i = 0; i < n; i++) {
    pConversion += chain.start[i]! * x[i]!;
    pathLength += visits[i]!;
  }
  const effects = new Float64Array(n);
  if (pConversion <= 0) return effects;
  const residual = new Float64Array(n);
  const queued = new Uint8Array(n);
  const queue = new Int32Array(n + 1); // ring buffer: each key is queued at most once at a time
  for (let c = 0; c < n; c++) {
    if (x[c] === 0 || visits[c] === 0) continue;
    // Leftover residual r_u costs at most r_u·visits_u, so capping each r_u keeps the sum under tol·visits_c.
    const threshold = (PUSH_TOLERANCE * visits[c]!) / pathLength;
    let reach = 0;
    let head = 0;
    let tail = 0;
    residual.fill(0);
    residual[c] = 1;
    queue[tail++] = c;
    queued[c] = 1;
    while (head !== tail) {
      const u = queue[head]!;
      head = head === n ? 0 : head + 1;
      queued[u] = 0;
      const mass = residual[u]!;
      residual[u] = 0;
      reach += chain.start[u]! * mass;
      for (let e = reverse.offset[u]!; e < reverse.offset[u + 1]!; e++) {
        const i = reverse.other[e]!;
        if (i === c) continue; // c is the target: reaching it again adds nothing
        residual[i]! += reverse.probability[e]! * mass;
        if (queued[i] === 0 && residual[i]! > threshold) {
          queued[i] = 1;
          queue[tail] = i;
          tail = tail === n ? 0 : tail + 1;
        }
      }
    }
    effects[c] = (reach * x[c]!) / pConversion;
  }
  return effects;
}
