// SVG chart geometry: nice axis steps and ticks, value → pixel, and the line/area paths of a daily series.
import { describe, expect, it } from "vitest";
import { areaPath, linePath, xOf } from "../../worker/http/dashboard/chart-paths";
import { niceStep, pixelOf, scaleOf } from "../../worker/http/dashboard/chart-scale";

describe("niceStep", () => {
  // [max, intervals, step]: the smallest of 1, 2, 5 × 10^k whose `intervals` multiples reach max.
  const cases: [number, number, number][] = [
    [4, 4, 1],
    [5, 4, 2],
    [20, 4, 5],
    [21, 4, 10],
    [133, 4, 50],
    [1000, 4, 500],
    [0.3, 4, 0.1],
    [0, 4, 1],
    [-3, 4, 1],
  ];
  it.each(cases)("covers %d in %d intervals with a step of %d", (max, count, step) => {
    expect(niceStep(max, count)).toBeCloseTo(step, 12);
  });
});

describe("scaleOf", () => {
  const cases: [number, number, number[]][] = [
    [133, 150, [0, 50, 100, 150]],
    [20, 20, [0, 5, 10, 15, 20]],
    [21, 30, [0, 10, 20, 30]],
    [0.3, 0.3, [0, 0.1, 0.2, 0.3]],
    [1, 1, [0, 0.5, 1]],
    [0, 1, [0, 1]],
  ];
  it.each(cases)("puts the axis top for a maximum of %d at %d with ticks %j", (max, top, ticks) => {
    expect(scaleOf(max)).toEqual({ max: top, ticks });
  });

  const whole: [number, number, number[]][] = [
    [1, 1, [0, 1]],
    [3, 3, [0, 1, 2, 3]],
    [6, 6, [0, 2, 4, 6]],
    [7, 8, [0, 2, 4, 6, 8]],
    [0, 1, [0, 1]],
  ];
  it.each(whole)("keeps whole-number data (a maximum of %d) on whole ticks up to %d: %j", (max, top, ticks) => {
    expect(scaleOf(max, { whole: true })).toEqual({ max: top, ticks });
  });

  it("never puts the axis top below the data", () => {
    for (const max of [1, 3, 7, 9.5, 11, 99, 101, 149, 151, 999, 1001, 12345]) expect(scaleOf(max).max).toBeGreaterThanOrEqual(max);
  });
});

describe("pixelOf", () => {
  const cases: [number, number, number, number][] = [
    [50, 150, 300, 100],
    [150, 150, 300, 300],
    [0, 150, 300, 0],
    [-5, 100, 200, 0],
    [250, 100, 200, 200],
    [5, 0, 100, 0],
    [1, 3, 100, 33.33],
  ];
  it.each(cases)("maps %d on an axis to %d over %d px as %d", (value, max, length, px) => {
    expect(pixelOf(value, max, length)).toBe(px);
  });
});

describe("series paths", () => {
  const plot = { width: 100, height: 50, max: 10 };

  it("spreads days from the left edge to the right edge, a single day in the middle", () => {
    expect([0, 1, 2].map((i) => xOf(i, 3, 100))).toEqual([0, 50, 100]);
    expect(xOf(0, 1, 100)).toBe(50);
  });

  it("draws values upwards from the baseline", () => {
    expect(linePath([0, 10, 5], plot)).toBe("M0 50 L50 0 L100 25");
  });

  it("closes the area down to the baseline", () => {
    expect(areaPath([0, 10, 5], plot)).toBe("M0 50 L50 0 L100 25 L100 50 L0 50 Z");
  });

  it("draws nothing for no data and one point for one day", () => {
    expect(linePath([], plot)).toBe("");
    expect(areaPath([], plot)).toBe("");
    expect(linePath([4], { width: 100, height: 40, max: 8 })).toBe("M50 20");
  });
});
