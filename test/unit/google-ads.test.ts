// The Google Ads offline click-conversion file, held to the layout of Google's "Conversions from clicks" import
// template (Google Ads Help, "Import conversions from ad clicks into Google Ads": the time zone set once in the
// Parameters row, the header row that must not be removed, then one row per click, conversion action and time in
// `yyyy-MM-dd HH:mm:ss`). The expected text below is that template filled in by hand, not produced by the code.
import { describe, expect, it } from "vitest";
import { DEFAULT_CONVERSION_NAMES, googleAdsCsv, googleAdsTime, isGclid, type GoogleAdsConversion } from "../../worker/core/ads/google-ads";
import { stageValue } from "../../worker/core/ads/stage-value";

const GCLID = "Cj0KCQiA4L67BhDUARIsADWrl7Ef-8SxI_cxBpM1rKMKXQ0GcbkWJzq5e7nXGbx5GgVYJvCyxD1qZ1waAhOWEALw_wcB";

describe("googleAdsCsv", () => {
  it("fills Google's template: Parameters row, the five header columns, one row per conversion", () => {
    const template = [
      "Parameters:TimeZone=+0000",
      "Google Click ID,Conversion Name,Conversion Time,Conversion Value,Conversion Currency",
      `${GCLID},Pista MQL,2026-03-14 09:26:53,,`,
      `${GCLID},Pista customer,2026-04-02 17:05:00,1200.5,EUR`,
      "",
    ].join("\r\n");
    const conversions: GoogleAdsConversion[] = [
      { gclid: GCLID, stage: "mql", at: Date.UTC(2026, 2, 14, 9, 26, 53, 999), value: null },
      { gclid: GCLID, stage: "customer", at: Date.UTC(2026, 3, 2, 17, 5), value: { value: 1200.5, currency: "EUR" } },
    ];
    expect(googleAdsCsv(conversions)).toBe(template);
  });

  it("is only the two template rows when nothing converted (Google then imports nothing)", () => {
    expect(googleAdsCsv([])).toBe("Parameters:TimeZone=+0000\r\nGoogle Click ID,Conversion Name,Conversion Time,Conversion Value,Conversion Currency\r\n");
  });

  it("uses the conversion names it is given, quoting one that holds a comma or a quote", () => {
    const names = { ...DEFAULT_CONVERSION_NAMES, sql: 'Sales "accepted", qualified' };
    const csv = googleAdsCsv([{ gclid: GCLID, stage: "sql", at: Date.UTC(2026, 0, 1), value: null }], names);
    expect(csv.split("\r\n")[2]).toBe(`${GCLID},"Sales ""accepted"", qualified",2026-01-01 00:00:00,,`);
  });

  it("leaves out a click id that is not a gclid (a tampered landing URL), so no row can smuggle a formula or a line", () => {
    const rows = ["=HYPERLINK(\"x\")", "abc\r\nEvil,row", "short", GCLID].map((gclid, i) => ({ gclid, stage: "lead" as const, at: Date.UTC(2026, 0, 1, 0, i), value: null }));
    const lines = googleAdsCsv(rows).trimEnd().split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe(`${GCLID},Pista lead,2026-01-01 00:03:00,,`);
  });
});

describe("googleAdsTime", () => {
  it.each([
    [Date.UTC(2026, 0, 1, 0, 0, 0), "2026-01-01 00:00:00"],
    [Date.UTC(2025, 11, 31, 23, 59, 59, 999), "2025-12-31 23:59:59"],
    [Date.UTC(2028, 1, 29, 7, 8, 9), "2028-02-29 07:08:09"],
  ])("%s → %s (UTC: the Parameters row says +0000)", (ms, text) => {
    expect(googleAdsTime(ms)).toBe(text);
  });
});

describe("isGclid", () => {
  it.each([
    [GCLID, true],
    ["EAIaIQobChMI3v2s_6bm-QIVh-d3Ch2lFQ", true],
    ["has space", false],
    ["semi;colon", false],
    ["", false],
  ])("%s → %s", (s, ok) => expect(isGclid(s)).toBe(ok));
});

describe("stageValue", () => {
  const deal = { amount: 900, currency: "USD" };
  it.each([
    ["customer", deal, { value: 900, currency: "USD" }],
    ["customer", null, null],
    ["sql", deal, null],
    ["mql", deal, null],
    ["lead", deal, null],
  ] as const)("%s with deal %j → %j (the deal is won on the customer stage only)", (stage, d, value) => {
    expect(stageValue(stage, d)).toEqual(value);
  });
});
