// Cost imports (CONTRACT §11): CSV and JSON, a re-sent day replaces its row, currencies convert at the site's rates or
// are refused, and a bad row refuses the whole import naming its line (CSV) or index (JSON) and column.
import { describe, expect, it } from "vitest";
import { api, collectedEvent, createSite, deliver, eventually, uid, UA_CHROME } from "./support";

const HEADER = "date,source,medium,campaign,amount,currency";

async function putCsv(site: string, lines: string[], token?: string) {
  return api(`/api/v1/sites/${site}/costs`, { method: "PUT", body: [HEADER, ...lines].join("\n"), headers: { "content-type": "text/csv; charset=utf-8" }, token });
}
const putJson = (site: string, body: unknown) => api(`/api/v1/sites/${site}/costs`, { method: "PUT", body: JSON.stringify(body) });
const listed = async (site: string, query = "") => (await api(`/api/v1/sites/${site}/costs${query}`)).body;
const setFx = (site: string, settings: unknown) => api(`/api/v1/sites/${site}`, { method: "PATCH", body: JSON.stringify({ settings }) });

describe("PUT /api/v1/sites/{id}/costs", () => {
  it("stores CSV rows and replaces a re-sent day's row for the same source, medium and campaign", async () => {
    const { id } = await createSite();
    expect((await putCsv(id, ["2026-03-01,Google,CPC,Brand,120.50,EUR", "2026-03-02,google,cpc,Brand,80,EUR", "2026-03-02,facebook,paid_social,,40,"])).body).toEqual({ rows: 3 });
    // The same day and key again: replaced, not added; other rows are kept.
    expect((await putJson(id, { rows: [{ date: "2026-03-02", source: "google", medium: "cpc", campaign: "Brand", amount: 95 }] })).body).toEqual({ rows: 1 });
    const costs = await listed(id);
    expect(costs).toMatchObject({ site: id, currency: "EUR", truncated: false });
    expect(costs.data).toEqual([
      { date: "2026-03-01", source: "google", medium: "cpc", campaign: "Brand", amount: 120.5, currency: "EUR" },
      { date: "2026-03-02", source: "facebook", medium: "paid_social", campaign: null, amount: 40, currency: "EUR" },
      { date: "2026-03-02", source: "google", medium: "cpc", campaign: "Brand", amount: 95, currency: "EUR" },
    ]);
    expect((await listed(id, "?from=2026-03-02&to=2026-03-02")).data.map((r: any) => r.amount)).toEqual([40, 95]);
  });

  it("takes a currency with a rate in settings.fx and refuses one without, storing nothing", async () => {
    const { id } = await createSite();
    const refused = await putCsv(id, ["2026-03-01,google,cpc,brand,10,EUR", "2026-03-02,google,cpc,brand,100,USD"]);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("invalid_costs");
    expect(refused.body.error.issues).toEqual([{ path: "line 3.currency", message: expect.stringContaining("settings.fx.USD") }]);
    expect((await listed(id)).data).toEqual([]);
    expect((await setFx(id, { fx: { USD: 0.92 } })).status).toBe(200);
    expect((await putCsv(id, ["2026-03-01,google,cpc,brand,10,EUR", "2026-03-02,google,cpc,brand,100,usd"])).body).toEqual({ rows: 2 });
    expect((await listed(id)).data.map((r: any) => r.currency)).toEqual(["EUR", "USD"]);
  });

  it.each([
    ["a quote inside a field", ['2026-03-01,google,cpc,br"and,10,EUR'], "line 2"],
    ["a quoted field never closed", ["2026-03-01,google,cpc,brand,10,EUR", '2026-03-02,google,cpc,"brand,10,EUR'], "line 3"],
    ["too few fields", ["2026-03-01,google,cpc,10,EUR"], "line 2"],
    ["an amount with a comma for decimals", ['2026-03-01,google,cpc,brand,"10,50",EUR'], "line 2.amount"],
    ["a date that does not exist", ["2026-02-30,google,cpc,brand,10,EUR"], "line 2.date"],
    ["no source", ["2026-03-01,,cpc,brand,10,EUR"], "line 2.source"],
    ["the same day and key twice", ["2026-03-01,google,cpc,brand,10,EUR", "2026-03-01,Google,cpc,brand,12,EUR"], "line 3"],
  ])("refuses a CSV with %s, naming the line, and stores nothing", async (_, lines, path) => {
    const { id } = await createSite();
    const res = await putCsv(id, ["2026-01-01,bing,cpc,,5,EUR", ...lines]);
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe(path.replace(/line (\d+)/, (_m, n) => `line ${Number(n) + 1}`));
    expect((await listed(id)).data).toEqual([]);
  });

  it("refuses a header that is not the import's, naming the columns", async () => {
    const { id } = await createSite();
    const res = await api(`/api/v1/sites/${id}/costs`, { method: "PUT", body: "date;source;medium;campaign;amount;currency\n2026-03-01;google;cpc;brand;10;EUR", headers: { "content-type": "text/csv" } });
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: any) => i.path)).toContain("line 1.amount");
  });

  it("refuses a bad JSON row by its index and column", async () => {
    const { id } = await createSite();
    const res = await putJson(id, { rows: [{ date: "2026-03-01", source: "google", amount: 1 }, { date: "2026-03-02", source: "google", amount: -5 }, { date: "2026-03-03", source: "google", amount: 1, currency: "XYZ" }] });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: "rows.1.amount", message: expect.any(String) }]);
    const currency = await putJson(id, { rows: [{ date: "2026-03-03", source: "google", amount: 1, currency: "XYZ" }] });
    expect(currency.body.error.issues).toEqual([{ path: "rows.0.currency", message: expect.stringContaining("XYZ") }]);
    expect((await listed(id)).data).toEqual([]);
  });

  it("takes a BOM, CRLF and quoted fields with commas, line breaks and doubled quotes", async () => {
    const { id } = await createSite();
    const body = `\uFEFF${HEADER}\r\n2026-03-01,google,cpc,"Brand, ""exact""\r\nmatch",10,EUR\r\n`;
    const res = await api(`/api/v1/sites/${id}/costs`, { method: "PUT", body, headers: { "content-type": "text/csv" } });
    expect(res.body).toEqual({ rows: 1 });
    expect((await listed(id)).data[0].campaign).toBe('Brand, "exact"\r\nmatch');
  });

  it("is for the admin: a read key may list costs but not import them; other types are refused", async () => {
    const { id, read_key } = await createSite();
    expect((await putCsv(id, ["2026-03-01,google,cpc,brand,10,EUR"], read_key)).status).toBe(403);
    expect((await api(`/api/v1/sites/${id}/costs`, { token: read_key })).status).toBe(200);
    expect((await api(`/api/v1/sites/${id}/costs`, { method: "PUT", body: "x", headers: { "content-type": "application/xml" } })).status).toBe(415);
    expect((await api(`/api/v1/sites/${id}/costs?from=yesterday`)).body.error.issues[0].path).toBe("from");
  });
});

describe("revenue", () => {
  it("counts a Segment Order Completed in its currency, and leaves out amounts whose currency has no rate", async () => {
    const { id, write_key } = await createSite();
    expect((await setFx(id, { currency: "USD", fx: { EUR: 1.1 } })).status).toBe(200);
    const anon = uid("anon");
    const track = (properties: unknown) => api("/v1/track", {
      method: "POST", token: null,
      headers: { authorization: `Basic ${btoa(`${write_key}:`)}`, "user-agent": "analytics-node-next/latest" },
      body: JSON.stringify({ anonymousId: anon, event: "Order Completed", messageId: uid("m"), properties, context: { page: { url: "https://example.com/checkout" }, campaign: { source: "google", medium: "cpc", name: "brand" }, userAgent: UA_CHROME } }),
    });
    expect((await track({ order_id: "o1", revenue: 100, currency: "EUR" })).status).toBe(200);
    expect((await track({ order_id: "o2", total: "25.50", currency: "usd" })).status).toBe(200);
    expect((await track({ order_id: "o3", revenue: 70, currency: "GBP" })).status).toBe(200);
    expect((await track({ order_id: "o4", revenue: 999 })).status).toBe(200);
    const body = await eventually(async () => {
      const r = (await api(`/api/v1/reports/channels?site=${id}&model=last_touch`)).body;
      return r.totals.orders === 3 && r;
    });
    // 100 EUR at 1.1 + 25.50 USD; 70 GBP has no rate (left out, and said so); no currency: not revenue.
    expect(body).toMatchObject({ currency: "USD", missing_rates: ["GBP"] });
    expect(body.rows).toEqual([expect.objectContaining({ key: "Paid Search", orders: 3, revenue: 135.5 })]);
  });

  it("values a deal at the rate of the day the report is read", async () => {
    const { id } = await createSite();
    const anon = uid("anon");
    await deliver([{ v: 1, events: [collectedEvent({ site: id, anonymous_id: anon, type: "identify", traits: { email: `${anon}@tailspin-test.com` } })] }]);
    const profile = (await api(`/api/v1/profiles?site=${id}&anonymous_id=${anon}`)).body.data[0];
    await api(`/api/v1/profiles/${profile.id}`, { method: "PATCH", body: JSON.stringify({ stage: "customer", deal: { amount: 500, currency: "GBP" } }) });
    const revenue = async () => (await api(`/api/v1/reports/channels?site=${id}&model=first_touch`)).body;
    expect(await revenue()).toMatchObject({ totals: { customers: 1, revenue: 0 }, missing_rates: ["GBP"] });
    await setFx(id, { fx: { GBP: 1.2 } });
    expect((await revenue()).totals.revenue).toBe(600);
    await setFx(id, { fx: { GBP: 1.25 } });
    expect((await revenue()).totals).toMatchObject({ revenue: 625, cac: 0 });
  });
});
