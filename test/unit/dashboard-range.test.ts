// The dashboard's date range: whole UTC days, last 30 days by default, unreadable bounds ignored, long ranges capped.
import { describe, expect, it } from "vitest";
import { dayStartMs, rangeOf } from "../../worker/http/dashboard/date-range";
import { seriesOf } from "../../worker/http/dashboard/daily-series";

const NOW = Date.parse("2026-11-22T07:37:00Z");
const ms = (iso: string) => Date.parse(iso);

describe("rangeOf", () => {
  // [query, from, to, number of days]
  const cases: [{ from?: string; to?: string }, string, string, number][] = [
    [{}, "2026-10-24", "2026-11-22", 30],
    [{ from: "2026-11-01", to: "2026-11-03" }, "2026-11-01", "2026-11-03", 3],
    [{ from: "2026-11-03", to: "2026-11-01" }, "2026-11-01", "2026-11-03", 3],
    [{ to: "2026-11-10" }, "2026-10-12", "2026-11-10", 30],
    [{ from: "2026-11-20" }, "2026-11-20", "2026-11-22", 3],
    [{ from: "2026-02-31", to: "garbage" }, "2026-10-24", "2026-11-22", 30],
    [{ from: "2026-1-5", to: "2026-11-22T00:00" }, "2026-10-24", "2026-11-22", 30],
    [{ from: "2024-02-28", to: "2024-03-01" }, "2024-02-28", "2024-03-01", 3],
    [{ from: "2020-01-01", to: "2026-11-22" }, "2025-10-19", "2026-11-22", 400],
  ];
  it.each(cases)("reads %j as %s to %s (%d days)", (query, from, to, n) => {
    const r = rangeOf(query, NOW);
    expect([r.from, r.to, r.days.length]).toEqual([from, to, n]);
    expect(r.days[0]).toBe(from);
    expect(r.days[r.days.length - 1]).toBe(to);
  });

  it("spans from the first millisecond of the first day to the last millisecond of the last", () => {
    const r = rangeOf({ from: "2026-11-01", to: "2026-11-03" }, NOW);
    expect(r.fromMs).toBe(ms("2026-11-01T00:00:00.000Z"));
    expect(r.toMs).toBe(ms("2026-11-03T23:59:59.999Z"));
    expect(r.days).toEqual(["2026-11-01", "2026-11-02", "2026-11-03"]);
  });
});

describe("dayStartMs", () => {
  const cases: [string | undefined, number | null][] = [
    ["2026-11-22", ms("2026-11-22T00:00:00Z")],
    ["2024-02-29", ms("2024-02-29T00:00:00Z")],
    ["2026-02-29", null],
    ["2026-13-01", null],
    ["22/11/2026", null],
    ["", null],
    [undefined, null],
  ];
  it.each(cases)("reads %j as %j", (day, expected) => {
    expect(dayStartMs(day)).toBe(expected);
  });
});

describe("seriesOf", () => {
  const dayNo = (iso: string) => ms(`${iso}T00:00:00Z`) / 86_400_000;
  it("lays per-day rows onto every day of the range, missing days as 0 and days outside ignored", () => {
    const rows = [
      { day: dayNo("2026-11-03"), n: 4 },
      { day: dayNo("2026-11-01"), n: 2 },
      { day: dayNo("2026-10-31"), n: 9 },
    ];
    expect(seriesOf(["2026-11-01", "2026-11-02", "2026-11-03"], rows)).toEqual([2, 0, 4]);
  });
});
