// The channel report end to end (CONTRACT §11): visits, leads, a qualifying event, the CRM's stages, deal and verdict,
// an order and imported costs go through the real consumer, PATCH and import; every column is checked against numbers
// worked out by hand under last touch and under linear, and the SQL paths against the pure journey rules.
import { beforeAll, describe, expect, it } from "vitest";
import { CHANNEL_METRIC_NAMES, MODELS } from "../../schema/vocabulary";
import { attribute, journeysOf } from "../../worker/core/attribution";
import { DEFAULT_SCORING } from "../../worker/core/scoring";
import { api, collectedEvent, createSite, dbOf, deliver, uid } from "./support";

const DAY = 86_400_000;
const MINUTE = 60_000;
const T = Date.now() - 30 * DAY;
const at = (days: number, minutes = 0) => T + days * DAY + minutes * MINUTE;

const TOUCH = {
  PS: { channel: "Paid Search", source: "google", medium: "cpc", campaign: "brand" },
  EM: { channel: "Email", source: "newsletter", medium: "email", campaign: "spring" },
  OS: { channel: "Organic Search", source: "google", medium: "organic", campaign: null },
} as const;
type Channel = keyof typeof TOUCH;
const touch = (c: Channel) => ({ ...TOUCH[c], term: null, content: null, referrer: null, landing_page: "https://example.com/", click_id: null });

let site: string;
/** profile ids by name, and the time the CRM made P1 a customer */
const ids: Record<string, string> = {};
let customerAt = 0;

/** A visit: a page view from `channel` on day `day`, and what the visitor did a minute later. */
function visit(anon: string, channel: Channel, day: number, then: Record<string, unknown> | null = null) {
  const events = [collectedEvent({ site, anonymous_id: anon, at: at(day), touch: touch(channel) })];
  if (then) events.push(collectedEvent({ site, anonymous_id: anon, at: at(day, 1), touch: touch(channel), url: null, ...then }));
  return events;
}
const identify = (email: string) => ({ type: "identify", traits: { email } });
const track = (name: string, props: Record<string, unknown> = {}) => ({ type: "track", name, props });

async function patch(name: string, body: unknown) {
  const res = await api(`/api/v1/profiles/${ids[name]}`, { method: "PATCH", body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}

async function report(query: string) {
  const res = await api(`/api/v1/reports/channels?site=${site}&${query}&from=${new Date(T - DAY).toISOString()}&to=${new Date(Date.now() + DAY).toISOString()}`);
  expect(res.status).toBe(200);
  return res.body;
}

beforeAll(async () => {
  site = (await createSite()).id;
  // Leads qualify on an intent event (+30), not on page views alone.
  const scoring = { ...DEFAULT_SCORING, stages: { mql_min_score: 25, mql_min_grade: "F", hysteresis: 0 } };
  expect((await api(`/api/v1/sites/${site}/scoring`, { method: "PUT", body: JSON.stringify(scoring) })).status).toBe(200);
  expect((await api(`/api/v1/sites/${site}`, { method: "PATCH", body: JSON.stringify({ settings: { fx: { USD: 0.9 } } }) })).status).toBe(200);
  const [p1, p2, p3, p4] = [uid("p1"), uid("p2"), uid("p3"), uid("p4")];
  // P1: Paid Search, then Email (lead), then Organic Search (qualifies); the CRM makes them sql, then a customer.
  // P2: Email (lead), Paid Search (qualifies), Paid Search again with an order of 200 EUR; the CRM makes them sql.
  // P3: Organic Search (lead), which the CRM calls junk. P4: two anonymous visits.
  for (const events of [
    [...visit(p1, "PS", 10), ...visit(p1, "EM", 12, identify(`${p1}@northwind-test.com`)), ...visit(p1, "OS", 14, track("demo_requested"))],
    [...visit(p2, "EM", 15, identify(`${p2}@contoso-test.com`)), ...visit(p2, "PS", 16, track("demo_requested")), ...visit(p2, "PS", 17, track("Order Completed", { revenue: 200, total: 215, currency: "eur" }))],
    visit(p3, "OS", 18, identify(`${p3}@fabrikam-test.com`)),
    [...visit(p4, "PS", 20), ...visit(p4, "OS", 21)],
  ]) await deliver([{ v: 1, events }]);
  for (const [name, anon] of Object.entries({ P1: p1, P2: p2, P3: p3 })) {
    ids[name] = (await api(`/api/v1/profiles?site=${site}&anonymous_id=${anon}`)).body.data[0].id;
  }
  await patch("P1", { stage: "sql" });
  await patch("P1", { stage: "customer", deal: { amount: 1000, currency: "USD" }, disposition: "won" });
  await patch("P2", { stage: "sql" });
  await patch("P3", { disposition: "junk" });
  customerAt = (await (await dbOf(site)).prepare("SELECT at FROM conversions WHERE site = ?1 AND kind = 'customer'").bind(site).first<{ at: number }>())!.at;
  const csv = [
    "date,source,medium,campaign,amount,currency",
    `${day(10)},google,cpc,brand,100,EUR`,
    `${day(11)},google,cpc,Brand,50,USD`,
    `${day(12)},newsletter,email,spring,30,`,
    `${day(13)},bing,cpc,,20,EUR`,
  ].join("\r\n");
  expect((await api(`/api/v1/sites/${site}/costs`, { method: "PUT", body: csv, headers: { "content-type": "text/csv" } })).body).toEqual({ rows: 4 });
});

const day = (d: number) => new Date(at(d)).toISOString().slice(0, 10);

type Figures = Record<(typeof CHANNEL_METRIC_NAMES)[number], number | null>;

function expectFigures(actual: Record<string, unknown>, expected: Figures) {
  for (const metric of CHANNEL_METRIC_NAMES) {
    const want = expected[metric];
    if (want === null) expect(actual[metric], metric).toBeNull();
    else expect(actual[metric], metric).toBeCloseTo(want, 5);
  }
}

/** Days from P1's first touch (Paid Search, day 10) to the customer conversion the PATCH made now. */
const p1DaysToCustomer = () => (customerAt - at(10)) / DAY;
const MINUTE_DAYS = 1 / 1440;

describe("GET /api/v1/reports/channels, worked out by hand", () => {
  it("last touch: each conversion's last touch takes it all, revenue with it", async () => {
    const body = await report("model=last_touch");
    expect(body).toMatchObject({ model: "last_touch", group_by: "channel", currency: "EUR", missing_rates: [] });
    expect(body.rows.map((r: any) => r.key)).toEqual(["Email", "Organic Search", "Paid Search"]);
    const row = (key: string) => body.rows.find((r: any) => r.key === key);
    // Costs: Paid Search 100 EUR + 50 USD (45 EUR) + bing/cpc 20 EUR = 165; Email 30 (no currency: the site's).
    expectFigures(row("Paid Search"), {
      sessions: 4, visitors: 3, leads: 0, mqls: 1, sqls: 1, customers: 0, orders: 1, revenue: 200, cost: 165,
      cost_per_lead: null, cac: null, roas: 200 / 165, lead_rate: 0, junk_share: null, mql_rate: null, sql_rate: 1, customer_rate: 0,
      median_days_to_lead: 2 + MINUTE_DAYS, median_days_to_customer: p1DaysToCustomer(),
    });
    expectFigures(row("Email"), {
      sessions: 2, visitors: 2, leads: 2, mqls: 0, sqls: 0, customers: 0, orders: 0, revenue: 0, cost: 30,
      cost_per_lead: 15, cac: null, roas: 0, lead_rate: 1, junk_share: 0, mql_rate: 0, sql_rate: null, customer_rate: null,
      median_days_to_lead: MINUTE_DAYS, median_days_to_customer: null,
    });
    // P1's deal, 1000 USD at 0.9, goes to the touch before the customer conversion: Organic Search.
    expectFigures(row("Organic Search"), {
      sessions: 3, visitors: 3, leads: 1, mqls: 1, sqls: 1, customers: 1, orders: 0, revenue: 900, cost: 0,
      cost_per_lead: 0, cac: 0, roas: null, lead_rate: 1 / 3, junk_share: 1, mql_rate: 1, sql_rate: 1, customer_rate: 1,
      median_days_to_lead: MINUTE_DAYS, median_days_to_customer: null,
    });
    expectFigures(body.totals, TOTALS());
  });

  it("linear: every touch of a journey shares its conversion and its revenue equally; totals are the same", async () => {
    const body = await report("model=linear");
    const row = (key: string) => body.rows.find((r: any) => r.key === key);
    // leads: P1 [PS, EM] ½ each, P2 [EM], P3 [OS] · mqls: P1 [PS, EM, OS] ⅓ each, P2 [EM, PS] ½ each
    // sqls and customers: P1 ⅓ each; P2 [EM, PS, PS]: EM ⅓, PS ⅔ · deal 900 → 300 each · order 200 (P2): EM ⅓, PS ⅔
    expectFigures(row("Paid Search"), {
      sessions: 4, visitors: 3, leads: 0.5, mqls: 5 / 6, sqls: 1, customers: 1 / 3, orders: 2 / 3, revenue: 300 + 400 / 3, cost: 165,
      cost_per_lead: 330, cac: 495, roas: (300 + 400 / 3) / 165, lead_rate: 0.5 / 3, junk_share: 0, mql_rate: 5 / 3, sql_rate: 1.2, customer_rate: 1 / 3,
      median_days_to_lead: 2 + MINUTE_DAYS, median_days_to_customer: p1DaysToCustomer(),
    });
    expectFigures(row("Email"), {
      sessions: 2, visitors: 2, leads: 1.5, mqls: 5 / 6, sqls: 2 / 3, customers: 1 / 3, orders: 1 / 3, revenue: 300 + 200 / 3, cost: 30,
      cost_per_lead: 20, cac: 90, roas: (300 + 200 / 3) / 30, lead_rate: 0.75, junk_share: 0, mql_rate: 5 / 9, sql_rate: 0.8, customer_rate: 0.5,
      median_days_to_lead: MINUTE_DAYS, median_days_to_customer: null,
    });
    expectFigures(row("Organic Search"), {
      sessions: 3, visitors: 3, leads: 1, mqls: 1 / 3, sqls: 1 / 3, customers: 1 / 3, orders: 0, revenue: 300, cost: 0,
      cost_per_lead: 0, cac: 0, roas: null, lead_rate: 1 / 3, junk_share: 1, mql_rate: 1 / 3, sql_rate: 1, customer_rate: 1,
      median_days_to_lead: MINUTE_DAYS, median_days_to_customer: null,
    });
    expectFigures(body.totals, TOTALS());
  });

  it.each(MODELS)("%s: credited columns add up to the totals, and leads equal the attribution report's", async (model) => {
    const body = await report(`model=${model}`);
    for (const metric of ["leads", "mqls", "sqls", "customers", "orders", "revenue", "cost", "sessions"] as const) {
      expect(body.rows.reduce((s: number, r: any) => s + r[metric], 0), metric).toBeCloseTo(body.totals[metric], 5);
    }
    expectFigures(body.totals, TOTALS());
    const credits = await api(`/api/v1/attribution?site=${site}&model=${model}&from=${new Date(T - DAY).toISOString()}&to=${new Date(Date.now() + DAY).toISOString()}`);
    for (const r of credits.body.rows) expect(body.rows.find((x: any) => x.key === r.key).leads).toBeCloseTo(r.conversions, 5);
  });

  it("groups by source and campaign: costs land on their own source and on the campaign whatever its case", async () => {
    const bySource = await report("model=last_touch&group_by=source");
    const source = (key: string) => bySource.rows.find((r: any) => r.key === key);
    expect(source("google")).toMatchObject({ cost: 145, sessions: 7, leads: 1, revenue: 1100 });
    expect(source("bing")).toMatchObject({ cost: 20, sessions: 0, leads: 0, cost_per_lead: null });
    expect(source("newsletter")).toMatchObject({ cost: 30, leads: 2, cost_per_lead: 15 });
    const byCampaign = await report("model=last_touch&group_by=campaign");
    const campaign = (key: string) => byCampaign.rows.find((r: any) => r.key === key);
    expect(campaign("brand")).toMatchObject({ cost: 145, orders: 1, revenue: 200 });
    // bing's row had no campaign: it lands with the touches that had none.
    expect(campaign("(not set)")).toMatchObject({ cost: 20, leads: 1, customers: 1, revenue: 900 });
  });

  it("counts only a narrow range's conversions, touches and costs (read through the time index), as under Markov", async () => {
    // Days 9 to 13 of the scenario: P1's Paid Search and Email visits and lead; every cost row (days 10 to 13).
    const range = `from=${new Date(at(9)).toISOString()}&to=${new Date(at(13)).toISOString()}`;
    for (const model of ["last_touch", "markov"]) {
      const body = (await api(`/api/v1/reports/channels?site=${site}&model=${model}&${range}`)).body;
      expect(body.totals).toMatchObject({ sessions: 2, visitors: 1, leads: 1, mqls: 0, customers: 0, cost: 195, cost_per_lead: 195 });
      expect(body.rows.map((r: any) => [r.key, r.sessions, r.visitors, r.cost])).toEqual(expect.arrayContaining([["Paid Search", 1, 1, 165], ["Email", 1, 1, 30]]));
    }
  });

  it("reads the same journeys as the pure rules over the raw rows (every stage, orders, with and without times)", async () => {
    const db = await dbOf(site);
    const touches = (await db.prepare("SELECT * FROM touches WHERE site = ?1 ORDER BY at, id").bind(site).all<any>()).results;
    const conversions = (await db.prepare("SELECT * FROM conversions WHERE site = ?1").bind(site).all<any>()).results;
    for (const model of ["shapley", "time_decay", "markov"] as const) {
      const body = await report(`model=${model}`);
      for (const [kind, column] of [["lead", "leads"], ["mql", "mqls"], ["sql", "sqls"], ["customer", "customers"], ["orders", "orders"]] as const) {
        const journeys = [...new Set(touches.map((t) => t.profile_id as string))].flatMap((p) =>
          journeysOf({
            touches: touches.filter((t) => t.profile_id === p).map((t) => ({ key: t.channel, channel: t.channel, at: t.at })),
            conversions: conversions.filter((c) => c.profile_id === p && (kind === "orders" ? c.currency !== null : c.kind === kind)).map((c) => ({ at: c.at, value: 0 })),
          }),
        );
        const expected = attribute(journeys, model);
        for (const r of expected.rows) expect(body.rows.find((x: any) => x.key === r.key)?.[column] ?? 0, `${model} ${kind} ${r.key}`).toBeCloseTo(r.conversions, 5);
      }
    }
  });
});

/** Totals do not depend on the model: 3 leads (1 junk), 2 mqls, 2 sqls, 1 customer, 1 order, 900 + 200 EUR, 195 EUR spent. */
function TOTALS(): Figures {
  return {
    sessions: 9, visitors: 4, leads: 3, mqls: 2, sqls: 2, customers: 1, orders: 1, revenue: 1100, cost: 195,
    cost_per_lead: 65, cac: 195, roas: 1100 / 195, lead_rate: 0.75, junk_share: 1 / 3, mql_rate: 2 / 3, sql_rate: 1, customer_rate: 0.5,
    median_days_to_lead: MINUTE_DAYS, median_days_to_customer: p1DaysToCustomer(),
  };
}
