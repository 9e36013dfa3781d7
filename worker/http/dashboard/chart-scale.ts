// Axis scaling for the server-rendered SVG charts: a "nice" maximum, evenly spaced ticks, and value → pixel.

export interface Scale {
  /** top of the axis, ≥ the data's maximum */
  max: number;
  /** tick values from 0 to max, evenly spaced */
  ticks: number[];
}

/** The smallest 1-2-5 step (…, 0.5, 1, 2, 5, 10, 20, …) that covers `max` in at most `count` intervals. */
export function niceStep(max: number, count: number): number {
  if (!(max > 0) || count < 1) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) {
    const step = m * power;
    if (step * count >= max - 1e-9 * max) return step;
  }
  return 10 * power;
}

/**
 * The axis for data whose largest value is `max`: ticks every niceStep, the top tick at or above max.
 * `whole` data (counts of visitors, sessions) gets no fractional ticks: half a visitor means nothing.
 */
export function scaleOf(max: number, opts: { count?: number; whole?: boolean } = {}): Scale {
  const step = Math.max(niceStep(max, opts.count ?? 4), opts.whole ? 1 : 0);
  const top = max > 0 ? Math.ceil(max / step - 1e-9) * step : step;
  const ticks: number[] = [];
  for (let i = 0; i * step <= top + step / 2; i++) ticks.push(round(i * step));
  return { max: round(top), ticks };
}

/** Pixel offset of `value` along an axis `length` pixels long whose top is `max` (0 at the origin). */
export function pixelOf(value: number, max: number, length: number): number {
  if (!(max > 0)) return 0;
  return round((Math.min(Math.max(value, 0), max) / max) * length);
}

/** Two decimals are plenty for SVG coordinates and keep the markup short. */
function round(x: number): number {
  return Math.round(x * 100) / 100;
}
