// Columnar, interned form of journeys so every model runs over typed arrays without per-journey allocation.
import { DIRECT, NO_TOUCH_KEY, type Journey } from "./types";

export interface JourneyTable {
  /** Key id -> key string, in order of first appearance. */
  keys: string[];
  /** Per touch (flat over all journeys): key id, 1 when the channel is Direct, time. */
  touchKey: Int32Array;
  touchDirect: Uint8Array;
  touchAt: Float64Array;
  /** Journey j owns touches [start[j], start[j + 1]). Length = journeys + 1. */
  start: Int32Array;
  conversions: Float64Array;
  value: Float64Array;
  nulls: Float64Array;
  at: Float64Array;
  totalConversions: number;
  totalValue: number;
  /** credit each touch as well as each key (set for one person's journeys, never for a site's) */
  perTouch?: boolean;
}

/** A journey with no touches is read as one synthetic Direct touch keyed "(none)" at conversion time. */
export function journeyTableOf(journeys: readonly Journey[]): JourneyTable {
  let touchCount = 0;
  for (const j of journeys) touchCount += Math.max(1, j.touches.length);
  const ids = new Map<string, number>();
  const keys: string[] = [];
  const idOf = (key: string): number => {
    let id = ids.get(key);
    if (id === undefined) {
      id = keys.length;
      ids.set(key, id);
      keys.push(key);
    }
    return id;
  };
  const n = journeys.length;
  const t: JourneyTable = {
    keys,
    touchKey: new Int32Array(touchCount),
    touchDirect: new Uint8Array(touchCount),
    touchAt: new Float64Array(touchCount),
    start: new Int32Array(n + 1),
    conversions: new Float64Array(n),
    value: new Float64Array(n),
    nulls: new Float64Array(n),
    at: new Float64Array(n),
    totalConversions: 0,
    totalValue: 0,
  };
  let p = 0;
  for (let j = 0; j < n; j++) {
    const journey = journeys[j]!;
    t.start[j] = p;
    t.conversions[j] = journey.conversions;
    t.value[j] = journey.value;
    t.nulls[j] = journey.nulls;
    t.at[j] = journey.at;
    t.totalConversions += journey.conversions;
    t.totalValue += journey.value;
    if (journey.touches.length === 0) {
      t.touchKey[p] = idOf(NO_TOUCH_KEY);
      t.touchDirect[p] = 1;
      t.touchAt[p++] = journey.at;
      continue;
    }
    for (const touch of journey.touches) {
      t.touchKey[p] = idOf(touch.key);
      t.touchDirect[p] = touch.channel === DIRECT ? 1 : 0;
      t.touchAt[p++] = touch.at;
    }
  }
  t.start[n] = p;
  return t;
}
