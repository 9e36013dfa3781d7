// The channel report as pure functions: every column worked out by hand under last touch and linear on multi-touch
// journeys (credits and revenue split, totals the same), costs mapped to keys, medians; and the credits per kind from
// what the store keeps (amounts converted, tails left out, Markov from summed transitions, time decay from journeys).
import { describe, expect, it } from "vitest";
import { CHANNEL_METRIC_NAMES, MODELS, type Model } from "../../schema/vocabulary";
import { attribute, STEP_CONVERSION, STEP_NULL, STEP_START, type Journey } from "../../worker/core/attribution";
import { costsByKey } from "../../worker/core/money/cost-keys";
import { moneyCredits } from "../../worker/core/money/credits";
import { MONEY_CONVERSIONS, type KeptCredit, type KeptStep, type MoneyConversion } from "../../worker/core/money/inputs";
import { weightedMedian } from "../../worker/core/money/median";
import { channelReport, type ChannelFigures, type ChannelReportInput } from "../../worker/core/money/report";

const DAY = 86_400_000;
const t = (key: string, at: number) => ({ key, channel: key, at });
const money = { currency: "EUR", fx: { USD: 2 } };
const journey = (keys: string[], conversions: number, value: number): Journey => ({ touches: keys.map((k, i) => t(k, i + 1)), conversions, value, nulls: 0, at: keys.length + 1 });

/**
 * Two profiles went google → newsletter (lead) → bing (customer, 1,000 EUR of deals between them); one went newsletter
 * (lead, junk) and qualified there; one order of 50 USD (100 EUR) came after google → bing. Costs: google/cpc 60 EUR,
 * bing/cpc 10 USD. Each kind's journeys, valued in EUR (a lead's value: whether it is junk):
 */
const JOURNEYS: Record<MoneyConversion, Journey[]> = {
  lead: [journey(["google", "newsletter"], 2, 0), journey(["newsletter"], 1, 1)],
  mql: [journey(["newsletter"], 1, 0)],
  sql: [],
  customer: [journey(["google", "newsletter", "bing"], 2, 1000)],
  orders: [journey(["google", "bing"], 1, 100)],
};

const input = (model: Model): ChannelReportInput => ({
  model,
  groupBy: "source",
  money,
  credited: Object.fromEntries(MONEY_CONVERSIONS.map((kind) => [kind, attribute(JOURNEYS[kind], model)])) as ChannelReportInput["credited"],
  missingRates: new Set(),
  traffic: { keys: [{ key: "google", sessions: 5, visitors: 4 }, { key: "newsletter", sessions: 3, visitors: 3 }, { key: "bing", sessions: 2, visitors: 2 }], visitors: 6 },
  delays: [{ key: "google", toLead: 1.5 * DAY, toCustomer: 3 * DAY, profiles: 2 }, { key: "newsletter", toLead: 0.5 * DAY, toCustomer: null, profiles: 1 }],
  costs: [
    { source: "google", medium: "cpc", campaign: "brand", currency: "EUR", amount: 60 },
    { source: "bing", medium: "cpc", campaign: "", currency: "USD", amount: 10 },
  ],
});

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
    const report = channelReport(input(model));
    expect(report).toMatchObject({ model, group_by: "source", currency: "EUR", missing_rates: [] });
    expect(report.rows.map((r) => r.key)).toEqual(EXPECTED[model].map(([key]) => key));
    for (const [key, expected] of EXPECTED[model]) expectFigures(report.rows.find((r) => r.key === key)!, expected, `${model} ${key}`);
    expectFigures(report.totals, TOTALS, `${model} totals`);
  });

  it.each(MODELS)("%s: credited columns add up to the totals", (model: Model) => {
    const report = channelReport(input(model));
    for (const m of ["leads", "mqls", "customers", "orders", "revenue", "cost", "sessions"] as const) {
      expect(report.rows.reduce((s, r) => s + r[m], 0), m).toBeCloseTo(report.totals[m], 5);
    }
    expectFigures(report.totals, TOTALS, `${model} totals`);
  });

  it("adds the currencies costs have no rate for to those the credits met", () => {
    const report = channelReport({ ...input("last_touch"), money: { currency: "EUR", fx: {} }, missingRates: new Set(["GBP"]) });
    expect(report.missing_rates).toEqual(["GBP", "USD"]);
    expect(report.totals).toMatchObject({ cost: 60 });
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

const kept = (c: Partial<KeptCredit> & Pick<KeptCredit, "conversion" | "key">): KeptCredit => ({ currency: "", conversions: 0, value: 0, traffic: 0, onPath: 0, ...c });
const none = { kept: [], valued: [], steps: null, timed: null };

describe("moneyCredits: credits per kind from what is kept", () => {
  it("converts each currency at its rate, credits junk leads and deals by the model's shares, and says which currencies had no rate", () => {
    const { credited, missingRates } = moneyCredits({
      ...none, model: "last_touch", money,
      kept: [
        kept({ conversion: "orders", key: "google", currency: "USD", conversions: 1, value: 50, onPath: 1 }),
        kept({ conversion: "orders", key: "google", currency: "EUR", conversions: 2, value: 30, onPath: 2 }),
        kept({ conversion: "orders", key: "bing", currency: "GBP", conversions: 1, value: 99, onPath: 1 }),
        kept({ conversion: "lead", key: "bing", conversions: 3, onPath: 3 }),
        kept({ conversion: "customer", key: "bing", conversions: 1, onPath: 1 }),
      ],
      valued: [
        { conversion: "lead", journey: journey(["google", "bing"], 2, 2), currency: "" },
        { conversion: "customer", journey: journey(["bing"], 1, 500), currency: "USD" },
      ],
    });
    expect(credited.orders).toMatchObject({ total_conversions: 4, total_value: 130, rows: [{ key: "google", conversions: 3, value: 130 }, { key: "bing", conversions: 1, value: 0 }] });
    expect(credited.lead).toMatchObject({ total_conversions: 3, total_value: 2, rows: [{ key: "bing", conversions: 3, value: 2 }] });
    expect(credited.customer).toMatchObject({ total_value: 1000, rows: [{ key: "bing", value: 1000 }] });
    expect(credited.sql).toMatchObject({ total_conversions: 0, total_value: 0, rows: [] });
    expect([...missingRates]).toEqual(["GBP"]);
  });

  it("leaves out keys only a kind's tails reach, and settles residues of sums kept batch by batch", () => {
    const { credited } = moneyCredits({
      ...none, model: "first_touch", money,
      kept: [
        kept({ conversion: "lead", key: "google", conversions: 1.0000000000004, onPath: 0.5 }),
        kept({ conversion: "lead", key: "newsletter", conversions: 0, onPath: 0.5 }),
        kept({ conversion: "lead", key: "bing", conversions: 3e-12, onPath: -2e-12, traffic: 4 }),
      ],
    });
    expect(credited.lead.rows).toEqual([{ key: "google", conversions: 1.0000000000004, value: 0 }, { key: "newsletter", conversions: 0, value: 0 }]);
    expect(credited.lead.total_conversions).toBe(1);
  });

  it("Markov: the kind's transitions and the every-touch tails' summed give the chain of the journeys they came from", () => {
    // Person 1: a → b, then a lead. Person 2: a, no lead. '*' holds both people's every touch; the kind's rows cancel
    // person 1's (a converted person's tail is what follows the conversion: nothing here).
    const steps: KeptStep[] = [
      { conversion: "lead", from: STEP_START, to: "a", weight: 1 }, { conversion: "lead", from: "a", to: "b", weight: 1 }, { conversion: "lead", from: "b", to: STEP_CONVERSION, weight: 1 },
      { conversion: "*", from: STEP_START, to: "a", weight: 2 }, { conversion: "*", from: "a", to: "b", weight: 1 }, { conversion: "*", from: "b", to: STEP_NULL, weight: 1 }, { conversion: "*", from: "a", to: STEP_NULL, weight: 1 },
      { conversion: "lead", from: STEP_START, to: "a", weight: -1 }, { conversion: "lead", from: "a", to: "b", weight: -1 }, { conversion: "lead", from: "b", to: STEP_NULL, weight: -1 },
      // another kind's transitions are not this one's
      { conversion: "mql", from: "b", to: STEP_CONVERSION, weight: 5 },
    ];
    const keptRows = [
      kept({ conversion: "lead", key: "a", conversions: 1, traffic: 1, onPath: 0.5 }), kept({ conversion: "lead", key: "b", traffic: 1, onPath: 0.5 }),
      kept({ conversion: "*", key: "a", traffic: 2 }), kept({ conversion: "*", key: "b", traffic: 1 }),
    ];
    const { credited } = moneyCredits({ ...none, model: "markov", money, kept: keptRows, steps, valued: [{ conversion: "lead", journey: journey(["a", "b"], 1, 1), currency: "" }] });
    const expected = attribute([{ ...journey(["a", "b"], 1, 1) }, { touches: [t("a", 1)], conversions: 0, value: 0, nulls: 1, at: 1 }], "markov");
    expect(credited.lead.total_conversions).toBe(1);
    expect(credited.lead.total_value).toBe(1);
    for (const row of expected.rows) {
      const got = credited.lead.rows.find((r) => r.key === row.key)!;
      expect(got.conversions, row.key).toBeCloseTo(row.conversions, 9);
      expect(got.value, row.key).toBeCloseTo(row.value, 9);
    }
  });

  it("time decay at another half-life weighs each journey, its value converted", () => {
    const orders = [journey(["a", "b"], 1, 10), journey(["b"], 1, 20)];
    const { credited } = moneyCredits({
      ...none, model: "time_decay", money, options: { halfLifeDays: 3 },
      timed: [{ conversion: "orders", journey: orders[0]!, currency: "USD" }, { conversion: "orders", journey: orders[1]!, currency: "EUR" }],
    });
    expect(credited.orders).toEqual(attribute([{ ...orders[0]!, value: 20 }, orders[1]!], "time_decay", { halfLifeDays: 3 }));
    expect(credited.lead.total_conversions).toBe(0);
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
