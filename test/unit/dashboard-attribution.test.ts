// The attribution page's numbers: what a query asks for, the API's rounding, and every model side by side.
import { describe, expect, it } from "vitest";
import type { Journey } from "../../worker/core/attribution";
import { attributionChoiceOf, compareRows } from "../../worker/http/dashboard/attribution-report";
import { reportOf, type AttributionReport } from "../../worker/services/attribution";

describe("attributionChoiceOf", () => {
  const cases: [Record<string, string>, { model: string; group_by: string; conversion: string }][] = [
    [{}, { model: "last_non_direct", group_by: "channel", conversion: "lead" }],
    [{ model: "markov", group_by: "campaign", conversion: " trial_started " }, { model: "markov", group_by: "campaign", conversion: "trial_started" }],
    [{ model: "shapley", group_by: "source", conversion: "mql" }, { model: "shapley", group_by: "source", conversion: "mql" }],
    [{ model: "bogus", group_by: "country", conversion: "" }, { model: "last_non_direct", group_by: "channel", conversion: "lead" }],
    [{ conversion: "x".repeat(129) }, { model: "last_non_direct", group_by: "channel", conversion: "lead" }],
  ];
  it.each(cases)("reads %j as %j", (query, choice) => {
    expect(attributionChoiceOf(query)).toEqual(choice);
  });
});

describe("reportOf", () => {
  const touch = (key: string, at: number) => ({ key, channel: key, at });
  const journeys: Journey[] = [{ touches: [touch("Email", 1), touch("Organic Search", 2), touch("Referral", 3)], conversions: 1, value: 10, nulls: 0, at: 3 }];

  it("rounds credits to six decimals as the JSON API does", () => {
    const r = reportOf(journeys, "linear", {});
    expect(r.total_conversions).toBe(1);
    expect(r.rows.map((row) => [row.key, row.conversions, row.value])).toEqual([
      ["Email", 0.333333, 3.333333],
      ["Organic Search", 0.333333, 3.333333],
      ["Referral", 0.333333, 3.333333],
    ]);
  });

  it("credits the first touch under first_touch and the last under last_touch", () => {
    expect(reportOf(journeys, "first_touch", {}).rows.filter((r) => r.conversions > 0).map((r) => r.key)).toEqual(["Email"]);
    expect(reportOf(journeys, "last_touch", {}).rows.filter((r) => r.conversions > 0).map((r) => r.key)).toEqual(["Referral"]);
  });
});

describe("compareRows", () => {
  const reports: Pick<AttributionReport, "model" | "rows">[] = [
    { model: "first_touch", rows: [{ key: "A", conversions: 2, value: 0 }, { key: "C", conversions: 1, value: 0 }] },
    { model: "linear", rows: [{ key: "B", conversions: 1.75, value: 0 }, { key: "A", conversions: 1.25, value: 0 }] },
  ];

  it("orders keys by the chosen model's credits, then keys only other models credit, with 0 where a model gives none", () => {
    expect(compareRows(reports, "linear")).toEqual([
      { key: "B", credits: { first_touch: 0, linear: 1.75 } },
      { key: "A", credits: { first_touch: 2, linear: 1.25 } },
      { key: "C", credits: { first_touch: 1, linear: 0 } },
    ]);
  });
});
