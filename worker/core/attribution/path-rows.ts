// Reads aggregated path rows ("a > b > c" with counts, the ChannelAttribution format) as journeys.
import type { Journey } from "./types";

export interface PathRow {
  path: string;
  conversions: number;
  value: number;
  nulls: number;
}

/**
 * Each path element is both key and channel; every touch is at time 0 (paths carry no times, so time_decay
 * weighs them equally). Empty elements are dropped, so "" is a journey with no touches.
 */
export function journeysFromPaths(rows: readonly PathRow[], separator = ">"): Journey[] {
  return rows.map((row) => ({
    touches: row.path
      .split(separator)
      .map((part) => part.trim())
      .filter((key) => key.length > 0)
      .map((key) => ({ key, channel: key, at: 0 })),
    conversions: row.conversions,
    value: row.value,
    nulls: row.nulls,
    at: 0,
  }));
}
