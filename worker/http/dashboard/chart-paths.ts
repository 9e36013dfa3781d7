// SVG path data for a daily time series: one point per day, as a line and as the area under it.
import { pixelOf } from "./chart-scale";

export interface Plot {
  /** drawing area in pixels; y grows downwards in SVG, so a value of 0 sits at `height` */
  width: number;
  height: number;
  /** the y axis top (Scale.max) */
  max: number;
}

/** x of point i of n: the first day at the left edge, the last at the right (a single day sits in the middle). */
export function xOf(i: number, n: number, width: number): number {
  if (n <= 1) return Math.round((width / 2) * 100) / 100;
  return Math.round(((i * width) / (n - 1)) * 100) / 100;
}

export function pointsOf(values: number[], plot: Plot): [number, number][] {
  return values.map((v, i) => [xOf(i, values.length, plot.width), Math.round((plot.height - pixelOf(v, plot.max, plot.height)) * 100) / 100]);
}

/** "M x y L x y …", or "" for no data. */
export function linePath(values: number[], plot: Plot): string {
  return pointsOf(values, plot)
    .map(([x, y], i) => `${i === 0 ? "M" : "L"}${x} ${y}`)
    .join(" ");
}

/** The line closed down to the baseline, for a filled area. */
export function areaPath(values: number[], plot: Plot): string {
  const points = pointsOf(values, plot);
  if (points.length === 0) return "";
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return `${linePath(values, plot)} L${last[0]} ${plot.height} L${first[0]} ${plot.height} Z`;
}
