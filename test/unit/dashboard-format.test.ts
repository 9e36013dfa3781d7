// How the dashboard writes numbers, times and names: fixed locale, UTC, no invented precision.
import { describe, expect, it } from "vitest";
import { creditText, pathText, pointsText, shareText, shortDayText, timeText, wholeText } from "../../worker/http/dashboard/format";
import { personName } from "../../worker/http/dashboard/people";
import { noticeOf } from "../../worker/http/dashboard/notices";

describe("format", () => {
  it.each([
    [wholeText(12345), "12,345"],
    [creditText(2), "2.00"],
    [creditText(1 / 3), "0.33"],
    [shareText(1, 3), "33.3%"],
    [shareText(0, 0), "–"],
    [pointsText(14.04), "+14"],
    [pointsText(-5), "-5"],
    [pointsText(-0.01), "0"],
    [timeText(Date.parse("2026-11-22T07:37:59Z")), "2026-11-22 07:37"],
    [timeText("2026-01-02T03:04:05.000Z"), "2026-01-02 03:04"],
    [timeText("not a time"), ""],
    [shortDayText("2026-11-02"), "2 Nov"],
    [pathText("http://localhost:8787/demo/pricing?utm_source=x"), "/demo/pricing"],
    [pathText("not a url"), "not a url"],
    [pathText(null), ""],
  ])("writes %j (expected %j)", (actual, expected) => {
    expect(actual).toBe(expected);
  });
});

describe("personName", () => {
  it.each([
    [{ id: "p_1", email: "ana@contoso.com", traits: { name: "Ana Almeida" } }, "Ana Almeida"],
    [{ id: "p_1", email: "ana@contoso.com", traits: { name: "  " } }, "ana@contoso.com"],
    [{ id: "p_0123456789abcdef", email: null, traits: {} }, "Anonymous visitor 01234567"],
  ])("names %j as %j", (p, name) => {
    expect(personName(p)).toBe(name);
  });
});

describe("noticeOf", () => {
  it("shows known notices only and never echoes free text", () => {
    expect(noticeOf({ notice: "saved", version: "7" })).toBe("Saved as version 7; existing profiles are being rescored.");
    expect(noticeOf({ notice: "saved", version: "<b>x</b>" })).toBe("Saved as version ?; existing profiles are being rescored.");
    expect(noticeOf({ notice: "<script>alert(1)</script>" })).toBeUndefined();
    expect(noticeOf({})).toBeUndefined();
  });
});
