// The Channels page's arithmetic: presets, the period before, money in the site's currency, changes and their tone.
import { describe, expect, it } from "vitest";
import { NO_FIGURES } from "../../worker/core/money/report";
import { deltaOf, figuresBefore, isZeroRow, metricFormat, presetsOf, previousRange } from "../../worker/http/dashboard/channels-view";
import { rangeOf } from "../../worker/http/dashboard/date-range";

const NOW = Date.parse("2026-05-14T15:00:00Z");

describe("date presets and the period before", () => {
  it("ends today, counts today in, and starts the quarter on its first day", () => {
    expect(presetsOf(NOW).map((p) => [p.id, p.from, p.to])).toEqual([
      ["7d", "2026-05-08", "2026-05-14"],
      ["30d", "2026-04-15", "2026-05-14"],
      ["90d", "2026-02-14", "2026-05-14"],
      ["quarter", "2026-04-01", "2026-05-14"],
    ]);
  });

  it.each([
    ["2026-05-08", "2026-05-14", "2026-05-01", "2026-05-07"],
    ["2026-03-01", "2026-03-31", "2026-01-29", "2026-02-28"],
  ])("%s to %s follows %s to %s", (from, to, before, last) => {
    const previous = previousRange(rangeOf({ from, to }, NOW));
    expect([previous.from, previous.to]).toEqual([before, last]);
    expect(previous.toMs + 1).toBe(Date.parse(`${from}T00:00:00Z`));
  });
});

describe("figures as the page shows them", () => {
  const eur = metricFormat("EUR");
  it.each([
    ["sessions", 1234, "1,234"],
    ["leads", 2 / 3, "0.67"],
    ["revenue", 1050, "€1,050.00"],
    ["cac", null, "–"],
    ["roas", 12.7273, "12.7×"],
    ["lead_rate", 0.3333, "33.3%"],
    ["median_days_to_lead", 2.0007, "2.0 d"],
  ] as const)("%s %s reads %s", (metric, value, text) => {
    expect(eur(metric, value)).toBe(text);
  });

  it("writes money in the site's currency", () => {
    expect(metricFormat("USD")("cost", 5)).toBe("$5.00");
    expect(metricFormat("GBP")("cost", 5)).toBe("£5.00");
  });

  it.each([
    ["leads", 2, 3, "+1", "better"],
    ["cost", 2, 3, "+€1.00", "worse"],
    ["cost_per_lead", 12.5, 10, "−€2.50", "better"],
    ["junk_share", 0.5, 0.25, "−25 pts", "better"],
    ["roas", 2, 2, "±0.0×", null],
  ] as const)("%s from %s to %s: %s, %s", (metric, before, now, text, tone) => {
    expect(deltaOf(metric, now, before, eur)).toEqual({ text, tone });
  });

  it("has no change to show when either side has no figure; a key new in the period counts from zero", () => {
    expect(deltaOf("cac", null, 5, eur)).toBeNull();
    expect(deltaOf("cac", 5, null, eur)).toBeNull();
    const before = figuresBefore([]);
    expect(before("Email")).toBe(NO_FIGURES);
    expect(deltaOf("leads", 1.5, before("Email").leads, eur)).toEqual({ text: "+1.5", tone: "better" });
  });

  it("calls a row with sessions but nothing credited and no cost a zero row", () => {
    expect(isZeroRow({ ...NO_FIGURES, sessions: 10, visitors: 8 })).toBe(true);
    expect(isZeroRow({ ...NO_FIGURES, cost: 1 })).toBe(false);
    expect(isZeroRow({ ...NO_FIGURES, mqls: 0.2 })).toBe(false);
  });
});
