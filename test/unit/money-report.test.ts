// The channel report as a pure function: every column worked out by hand under last touch and linear on multi-touch
// journeys (credits and revenue split, totals the same), costs mapped to keys, medians, Markov's tails and traffic.
import { describe, expect, it } from "vitest";
import { CHANNEL_METRIC_NAMES, MODELS, type Model } from "../../schema/vocabulary";
import { costsByKey } from "../../worker/core/money/cost-keys";
import type { ChannelReportInput } from "../../worker/core/money/report";
import { channelReport, type ChannelFigures } from "../../worker/core/money/report";
import { journeysByKind, tailJourneys } from "../../worker/core/money/journeys";
import { weightedMedian } from "../../worker/core/money/median";
import { trafficOfTails } from "../../worker/core/money/traffic";
import type { TailPath } from "../../worker/core/money/inputs";

const DAY = 86_400_000;
const t = (key: string, at: number) => ({ key, channel: key, at });
const money = { currency: "EUR", fx: { USD: 2 } };

/**
 * Two profiles went google → newsletter (lead) → bing (customer, 1,000 EUR of deals between them); one went newsletter
 * (lead, junk) and qualified there; one order of 50 USD came after google → bing. Costs: google/cpc 60 EUR, bing/cpc 10 USD.
 */
const INPUT: Omit<ChannelReportInput, "model"> = {
  groupBy: "source",
  money,
  funnel: [
    { touches: [t("google", 1), t("newsletter", 2), t("bing", 3)], stages: { lead: { touches: 2, at: 2.5 }, customer: { touches: 3, at: 4 } }, profiles: 2, junk: 0, deal: { amount: 1000, currency: "EUR" } },
    { touches: [t("newsletter", 1)], stages: { lead: { touches: 1, at: 1.5 }, mql: { touches: 1, at: 2 } }, profiles: 1, junk: 1, deal: null },
  ],
  orders: [{ journey: { touches: [t("google", 1), t("bing", 2)], conversions: 1, value: 50, nulls: 0, at: 3 }, currency: "USD" }],
  tails: null,
  traffic: { keys: [{ key: "google", sessions: 5, visitors: 4 }, { key: "newsletter", sessions: 3, visitors: 3 }, { key: "bing", sessions: 2, visitors: 2 }], visitors: 6 },
  delays: [{ key: "google", toLead: 1.5 * DAY, toCustomer: 3 * DAY, profiles: 2 }, { key: "newsletter", toLead: 0.5 * DAY, toCustomer: null, profiles: 1 }],
  costs: [
    { source: "google", medium: "cpc", campaign: "brand", currency: "EUR", amount: 60 },
    { source: "bing", medium: "cpc", campaign: "", currency: "USD", amount: 10 },
  ],
};

const figures = (f: Partial<ChannelFigures>): ChannelFigures => ({
  sessions: 0, visitors: 0, leads: 0, mqls: 0, sqls: 0, customers: 0, orders: 0, revenue: 0, cost: 0,
  cost_per_lead: null, cac: null, roas: null, lead_rate: null, junk_share: null, mql_rate: null, sql_rate: null, customer_rate: null,
  median_days_to_lead: null, median_days_to_customer: null, ...f,
});

/** The same whatever the model: credits add up to these. */
const TOTALS = figures({
  sessions: 10, visitors: 6, leads: 3, mqls: 1, sqls: 0, customers: 2, orders: 1, revenue: 1100, cost: 80,
  cost_per_lead: 80 / 3, cac: 40, roas: 13.75, lead_rate: 0.5, junk_share: 1 / 3, mql_rate: 1 / 3, sql_rate: 0, customer_rate: null,
  median_days_to_lead: 1.5, median_days_to_customer: 3,
});

const EXPECTED: Record<"last_touch" | "linear", [string, ChannelFigures][]> = {
  // leads: newsletter ends both lead paths · customers (and their 1,000) and the order (50 USD = 100) end on bing
  last_touch: [
    ["newsletter", figures({ sessions: 3, visitors: 3, leads: 3, mqls: 1, cost_per_lead: 0, lead_rate: 1, junk_share: 1 / 3, mql_rate: 1 / 3, sql_rate: 0, median_days_to_lead: 0.5 })],
    ["google", figures({ sessions: 5, visitors: 4, cost: 60, roas: 0, lead_rate: 0, median_days_to_lead: 1.5, median_days_to_customer: 3 })],
    ["bing", figures({ sessions: 2, visitors: 2, customers: 2, orders: 1, revenue: 1100, cost: 20, cac: 10, roas: 55, lead_rate: 0 })],
  ],
  // leads: google ½ and newsletter ½ of the two-profile path, newsletter all of the junk one · customers ⅓ of 2 each,
  // with ⅓ of 1,000 each · the order ½ to google and bing (50 EUR each)
  linear: [
    ["newsletter", figures({ sessions: 3, visitors: 3, leads: 2, mqls: 1, customers: 2 / 3, revenue: 1000 / 3, cost_per_lead: 0, cac: 0, lead_rate: 2 / 3, junk_share: 0.5, mql_rate: 0.5, sql_rate: 0, median_days_to_lead: 0.5 })],
    ["google", figures({ sessions: 5, visitors: 4, leads: 1, customers: 2 / 3, orders: 0.5, revenue: 1000 / 3 + 50, cost: 60, cost_per_lead: 60, cac: 90, roas: (1000 / 3 + 50) / 60, lead_rate: 0.25, junk_share: 0, mql_rate: 0, median_days_to_lead: 1.5, median_days_to_customer: 3 })],
    ["bing", figures({ sessions: 2, visitors: 2, customers: 2 / 3, orders: 0.5, revenue: 1000 / 3 + 50, cost: 20, cac: 30, roas: (1000 / 3 + 50) / 20, lead_rate: 0 })],
  ],
};

function expectFigures(actual: ChannelFigures, expected: ChannelFigures, where: string) {
  for (const m of CHANNEL_METRIC_NAMES) {
    if (expected[m] === null) expect(actual[m], `${where} ${m}`).toBeNull();
    else expect(actual[m], `${where} ${m}`).toBeCloseTo(expected[m]!, 5);
  }
}

describe("channelReport, worked out by hand", () => {
  it.each(["last_touch", "linear"] as const)("%s: every column of every row, and the totals", (model) => {
    const report = channelReport({ ...INPUT, model });
    expect(report).toMatchObject({ model, group_by: "source", currency: "EUR", missing_rates: [] });
    expect(report.rows.map((r) => r.key)).toEqual(EXPECTED[model].map(([key]) => key));
    for (const [key, expected] of EXPECTED[model]) expectFigures(report.rows.find((r) => r.key === key)!, expected, `${model} ${key}`);
    expectFigures(report.totals, TOTALS, `${model} totals`);
  });

  it.each(MODELS)("%s: credited columns add up to the totals", (model: Model) => {
    const report = channelReport({ ...INPUT, model });
    for (const m of ["leads", "mqls", "customers", "orders", "revenue", "cost", "sessions"] as const) {
      expect(report.rows.reduce((s, r) => s + r[m], 0), m).toBeCloseTo(report.totals[m], 5);
    }
    expectFigures(report.totals, TOTALS, `${model} totals`);
  });

  it("leaves out amounts whose currency has no rate, and says which", () => {
    const report = channelReport({ ...INPUT, model: "last_touch", money: { currency: "EUR", fx: {} } });
    expect(report.missing_rates).toEqual(["USD"]);
    expect(report.totals).toMatchObject({ revenue: 1000, cost: 60, orders: 1 });
  });
});

describe("costs by key", () => {
  const costs = [
    { source: "google", medium: "cpc", campaign: "Brand", currency: "EUR", amount: 10 },
    { source: "facebook", medium: "paid_social", campaign: "", currency: "EUR", amount: 5 },
    { source: "newsletter", medium: "email", campaign: "spring", currency: "EUR", amount: 1 },
    { source: "google", medium: "organic", campaign: "", currency: "EUR", amount: 2 },
  ];
  it.each([
    ["channel", [], { "Paid Search": 10, "Paid Social": 5, Email: 1, "Organic Search": 2 }],
    ["source", [], { google: 12, facebook: 5, newsletter: 1 }],
    // a campaign matches the report's key whatever its case; none at all is "(not set)"
    ["campaign", ["brand", "(not set)"], { brand: 10, "(not set)": 7, spring: 1 }],
  ] as const)("by %s", (groupBy, keys, expected) => {
    const missing = new Set<string>();
    expect(Object.fromEntries(costsByKey(costs, groupBy, money, keys, missing))).toEqual(expected);
    expect(missing.size).toBe(0);
  });
});

describe("Markov's tails", () => {
  const tails: TailPath[] = [
    { touches: [t("a", 1), t("b", 2), t("a", 3)], upTo: { lead: 1, mql: null, sql: null, customer: null, orders: 3 }, profiles: 2 },
    { touches: [t("c", 1)], upTo: { lead: null, mql: null, sql: null, customer: null, orders: null }, profiles: 5 },
  ];
  it("are the touches after each kind's conversion, and count sessions and visitors", () => {
    expect(tailJourneys(tails, "lead")).toEqual([
      { touches: [t("b", 2), t("a", 3)], conversions: 0, value: 0, nulls: 2, at: 0 },
      { touches: [t("c", 1)], conversions: 0, value: 0, nulls: 5, at: 0 },
    ]);
    expect(tailJourneys(tails, "orders")).toEqual([{ touches: [t("c", 1)], conversions: 0, value: 0, nulls: 5, at: 0 }]);
    expect(trafficOfTails(tails)).toEqual({ keys: [{ key: "a", sessions: 4, visitors: 2 }, { key: "b", sessions: 2, visitors: 2 }, { key: "c", sessions: 5, visitors: 5 }], visitors: 7 });
    const { byKind } = journeysByKind({ funnel: [], orders: [], tails, money });
    expect(byKind.mql.map((j) => j.nulls)).toEqual([2, 5]);
  });
});

describe("weightedMedian", () => {
  it.each([
    [[], null],
    [[{ value: 4, weight: 1 }], 4],
    [[{ value: 4, weight: 1 }, { value: 1, weight: 1 }], 2.5],
    [[{ value: 1, weight: 2 }, { value: 9, weight: 1 }], 1],
    [[{ value: 1, weight: 2 }, { value: 9, weight: 2 }], 5],
    [[{ value: 3, weight: 1 }, { value: 1, weight: 1 }, { value: 2, weight: 1 }], 2],
    [[{ value: 7, weight: 0 }, { value: 2, weight: 3 }], 2],
  ])("%j → %s", (items, expected) => {
    expect(weightedMedian(items)).toBe(expected);
  });
});
