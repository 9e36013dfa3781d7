// The retry schedule: the documented waits, more than 24 hours in all, then failed; queue hops of at most 12 hours.
import { describe, expect, it } from "vitest";
import { hopDelaySeconds, retryDelayMs, RETRY_SCHEDULE_MS, scheduleFrom } from "../../worker/core/webhooks/schedule";

const S = 1000;
const M = 60 * S;
const H = 60 * M;
/** docs/WEBHOOKS.md's table, typed by hand. */
const DOCUMENTED = [5 * S, 30 * S, 2 * M, 10 * M, 30 * M, 1 * H, 2 * H, 4 * H, 8 * H, 8 * H, 8 * H];

describe("retryDelayMs", () => {
  it.each(DOCUMENTED.map((wait, i) => [i + 1, wait]))("waits the documented time after failed attempt %i", (attempts, wait) => {
    expect(retryDelayMs(attempts)).toBe(wait);
  });

  it("gives up after the 12th attempt", () => {
    expect(retryDelayMs(DOCUMENTED.length + 1)).toBeNull();
  });

  it("keeps retrying for more than 24 hours in all", () => {
    let total = 0;
    for (let n = 1; retryDelayMs(n) !== null; n++) total += retryDelayMs(n)!;
    expect(total).toBeGreaterThanOrEqual(24 * H);
    expect(total).toBe(31 * H + 42 * M + 35 * S);
  });

  it("never waits less than the time before", () => {
    const waits = RETRY_SCHEDULE_MS;
    waits.slice(1).forEach((w, i) => expect(w).toBeGreaterThanOrEqual(waits[i]!));
  });

  it("follows a custom schedule and stops at its end", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, [100, 200, 400]))).toEqual([100, 200, 400, null]);
  });
});

describe("scheduleFrom", () => {
  it.each([
    ["unset", undefined, DOCUMENTED],
    ["empty", "", DOCUMENTED],
    ["a list of milliseconds", "1000, 2000,3000", [1000, 2000, 3000]],
    ["a list with a word in it", "1000,soon", DOCUMENTED],
    ["a negative wait", "1000,-5", DOCUMENTED],
    ["a fractional wait", "1.5", DOCUMENTED],
    ["a blank entry", "1000, ,2000", DOCUMENTED],
    ["only blanks", " ", DOCUMENTED],
    ["a wait over a week", String(8 * 24 * H), DOCUMENTED],
  ])("reads %s", (_what, setting, expected) => {
    expect(scheduleFrom(setting)).toEqual(expected);
  });
});

describe("hopDelaySeconds", () => {
  it.each([
    [0, 0],
    [-5000, 0],
    [1, 1],
    [5 * S, 5],
    [8 * H, 8 * 3600],
    [12 * H, 43_200],
    [20 * H, 43_200],
  ])("turns a %i ms wait into %i s of queue delay", (wait, seconds) => {
    expect(hopDelaySeconds(wait)).toBe(seconds);
  });
});
