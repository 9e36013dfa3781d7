// Cost imports read into rows, or refused as a whole by row and column; event values and currencies; exchange rates.
import { describe, expect, it } from "vitest";
import { costsFromCsv, costsFromJson } from "../../worker/core/money/cost-import";
import { inReportingCurrency, rateOf } from "../../worker/core/money/fx";
import { eventCurrency, eventValue } from "../../worker/core/money/order-value";

const EUR = { currency: "EUR", fx: { USD: 0.9 } };
const HEADER = "date,source,medium,campaign,amount,currency";

describe("costsFromCsv", () => {
  it("reads rows as touches store them: source and medium lower-cased, campaign as written, currency resolved", () => {
    const read = costsFromCsv(`${HEADER}\n2026-03-01, Google ,CPC,Brand Q1,12.50,usd\n2026-03-02,bing,,,3,\n`, EUR);
    expect(read).toEqual({
      ok: true,
      rows: [
        { day: "2026-03-01", source: "google", medium: "cpc", campaign: "Brand Q1", amount: 12.5, currency: "USD" },
        { day: "2026-03-02", source: "bing", medium: "", campaign: "", amount: 3, currency: "EUR" },
      ],
    });
  });

  it("takes the columns in any order and any case", () => {
    const read = costsFromCsv("Currency,Amount,Campaign,Medium,Source,Date\nEUR,1,c,m,s,2026-03-01\n", EUR);
    expect(read).toEqual({ ok: true, rows: [{ day: "2026-03-01", source: "s", medium: "m", campaign: "c", amount: 1, currency: "EUR" }] });
  });

  it.each([
    ["an unknown and a missing column", "date,source,medium,campaign,cost,currency\n", ["line 1.cost", "line 1.amount"]],
    ["a column twice", `${HEADER},date\n`, ["line 1.date"]],
    ["no rows", `${HEADER}\n`, ["line 2"]],
    ["nothing", "", ["line 1"]],
    ["several bad rows, all named", `${HEADER}\n2026-13-01,g,cpc,,1,EUR\n2026-03-01,g,cpc,,abc,EUR\n2026-03-01,g,cpc,,1,GBP\n`, ["line 2.date", "line 3.amount"]],
    ["a currency without a rate (only after the rows read)", `${HEADER}\n2026-03-01,g,cpc,,1,GBP\n2026-03-02,g,cpc,,1,XX\n`, ["line 2.currency", "line 3.currency"]],
    ["a negative amount", `${HEADER}\n2026-03-01,g,cpc,,-1,EUR\n`, ["line 2.amount"]],
    ["a duplicate day and key", `${HEADER}\n2026-03-01,g,cpc,x,1,EUR\n2026-03-01,G,CPC,x,2,EUR\n`, ["line 3"]],
  ])("refuses %s", (_, text, paths) => {
    const read = costsFromCsv(text, EUR);
    expect(read.ok).toBe(false);
    expect(read.ok === false && read.issues.map((i) => i.path)).toEqual(paths);
  });
});

describe("costsFromJson", () => {
  it("reads rows and names bad ones by index and column", () => {
    expect(costsFromJson({ rows: [{ date: "2026-03-01", source: "Meta", medium: "Paid_Social", campaign: null, amount: 0 }] }, EUR)).toEqual({
      ok: true,
      rows: [{ day: "2026-03-01", source: "meta", medium: "paid_social", campaign: "", amount: 0, currency: "EUR" }],
    });
    const bad = costsFromJson({ rows: [{ date: "2026-03-01", source: "g", amount: 1 }, { date: "2026-03-01", source: "g", amount: 1, extra: true }] }, EUR);
    expect(bad.ok === false && bad.issues.map((i) => i.path)).toEqual(["rows.1.extra"]);
    const empty = costsFromJson({ rows: [] }, EUR);
    expect(empty.ok === false && empty.issues.map((i) => i.path)).toEqual(["rows"]);
  });
});

describe("currencies", () => {
  it.each([
    ["EUR", 10, 10],
    ["USD", 10, 9],
    ["GBP", 10, null],
  ])("%s %d is %s EUR", (code, amount, expected) => {
    expect(inReportingCurrency(EUR, amount, code)).toBe(expected);
  });

  it("ignores unusable rates", () => {
    expect(rateOf({ currency: "EUR", fx: { USD: 0, GBP: Number.NaN } }, "USD")).toBeNull();
    expect(rateOf({ currency: "EUR", fx: { USD: 0, GBP: Number.NaN } }, "GBP")).toBeNull();
  });
});

describe("event values", () => {
  it.each([
    [{ value: 5, revenue: 7 }, 5, null],
    [{ revenue: 25, total: 27.5, currency: "usd" }, 25, "USD"],
    [{ total: "27.50", currency: "EUR" }, 27.5, "EUR"],
    [{ value: "abc", revenue: 3 }, 3, null],
    [{ currency: "EUR" }, 0, null],
    [{ value: 10, currency: "euro" }, 10, null],
    [{}, 0, null],
  ])("%j is worth %d, revenue in %s", (props, value, currency) => {
    expect(eventValue(props)).toBe(value);
    expect(eventCurrency(props)).toBe(currency);
  });
});
