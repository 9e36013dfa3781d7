// Sessions and visitors per key, from the in-range paths Markov reads anyway (so it needs no second scan).
import type { KeyTraffic, TailPath, Traffic } from "./inputs";

/** Sessions: every touch of the key; visitors: the profiles with at least one. */
export function trafficOfTails(tails: readonly TailPath[]): Traffic {
  const byKey = new Map<string, KeyTraffic>();
  let visitors = 0;
  for (const t of tails) {
    visitors += t.profiles;
    const seen = new Set<string>();
    for (const touch of t.touches) {
      let row = byKey.get(touch.key);
      if (!row) byKey.set(touch.key, (row = { key: touch.key, sessions: 0, visitors: 0 }));
      row.sessions += t.profiles;
      if (!seen.has(touch.key)) {
        seen.add(touch.key);
        row.visitors += t.profiles;
      }
    }
  }
  return { keys: [...byKey.values()], visitors };
}
