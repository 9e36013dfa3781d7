// Folds the least-travelled keys into one "(other)" key so a Markov chain over thousands of campaigns stays small.
import type { JourneyTable } from "./journey-table";

export const OTHER_KEY = "(other)";

/**
 * Keeps the maxKeys − 1 keys with the most journey traffic (conversions + nulls of the journeys touching them,
 * ties by key) and maps every other key to "(other)". The chain over lumped keys is a different, coarser chain:
 * an approximation the caller opts into (docs/ATTRIBUTION.md), not a faster way to the same numbers.
 */
export function lumpedTable(table: JourneyTable, maxKeys: number): JourneyTable {
  if (!lumps(table.keys.length, maxKeys)) return table;
  const traffic = new Float64Array(table.keys.length);
  for (let j = 0; j < table.conversions.length; j++) {
    const weight = table.conversions[j]! + table.nulls[j]!;
    for (let p = table.start[j]!; p < table.start[j + 1]!; p++) traffic[table.touchKey[p]!]! += weight;
  }
  const kept = keptKeys(table.keys, traffic, maxKeys);
  const keys: string[] = [];
  const newId = new Int32Array(table.keys.length);
  table.keys.forEach((key, id) => {
    if (kept.has(id)) newId[id] = keys.push(key) - 1;
  });
  // A kept key literally named "(other)" absorbs the rest rather than appearing twice.
  const otherId = keys.includes(OTHER_KEY) ? keys.indexOf(OTHER_KEY) : keys.push(OTHER_KEY) - 1;
  table.keys.forEach((_, id) => {
    if (!kept.has(id)) newId[id] = otherId;
  });
  return { ...table, keys, touchKey: table.touchKey.map((id) => newId[id]!) };
}

/** Whether `count` keys must be lumped to `maxKeys` (which must be an integer ≥ 2). */
export function lumps(count: number, maxKeys: number): boolean {
  if (!Number.isInteger(maxKeys) || maxKeys < 2) throw new RangeError(`markovMaxKeys must be an integer ≥ 2`);
  return count > maxKeys;
}

/** The ids of the maxKeys − 1 keys with the most traffic (ties by key): the keys a lumped chain keeps. */
export function keptKeys(keys: readonly string[], traffic: ArrayLike<number>, maxKeys: number): Set<number> {
  const ranked = keys.map((_, id) => id);
  ranked.sort((a, b) => traffic[b]! - traffic[a]! || (keys[a]! < keys[b]! ? -1 : 1));
  return new Set(ranked.slice(0, maxKeys - 1));
}
