// The Channels page in a real Chromium over the real collector: the same numbers as GET /api/v1/reports/channels under
// each model, the change against the period before, zero rows hidden until asked for, rows that open their leads,
// date presets, and the cost import refusing a bad line (nothing stored) then taking a file.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./support/browser";
import { sharedCollector, type RunningCollector } from "./support/collector";
import { signIn } from "./support/dashboard";

const DAY = 86_400_000;
const UA = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

let collector: RunningCollector;
let browser: Browser;
let site = "";
const now = Date.now();
/** Ten days shown: today and the nine before; the period before is the ten days ahead of them. */
const from = day(now - 9 * DAY);
const to = day(now);

/** Segment messages for one visitor: visits from tagged URLs, then what they did. */
function visitor(id: string, visits: [number, string][], then: Record<string, unknown>[] = []) {
  const base = (daysAgo: number, n: number) => ({ anonymousId: id, messageId: `${id}-${daysAgo}-${n}`, timestamp: new Date(now - daysAgo * DAY + n * 1000).toISOString(), context: { userAgent: UA } });
  const last = visits[visits.length - 1]![0];
  return [
    ...visits.map(([daysAgo, query], i) => ({ ...base(daysAgo, i), type: "page", context: { userAgent: UA, page: { url: `https://example.com/?${query}` } } })),
    ...then.map((m, i) => ({ ...base(last, 10 + i), ...m })),
  ];
}

const PS = "utm_source=google&utm_medium=cpc&utm_campaign=brand";
const EM = "utm_source=newsletter&utm_medium=email&utm_campaign=spring";
const SOCIAL = "utm_source=facebook&utm_medium=social";

beforeAll(async () => {
  collector = sharedCollector();
  browser = await launchBrowser();
  const created = await collector.site({ name: "Channels (browser tests)" });
  site = created.id;
  await collector.api(`/api/v1/sites/${site}`, { method: "PATCH", body: JSON.stringify({ settings: { currency: "EUR", fx: { USD: 0.9 } } }) });
  const batch = [
    ...visitor("ada", [[15, PS]], [{ type: "identify", traits: { email: "ada@northwind-test.com" } }]),
    ...visitor("bo", [[6, PS], [4, EM]], [{ type: "identify", traits: { email: "bo@contoso-test.com" } }, { type: "track", event: "Order Completed", properties: { revenue: 300, currency: "EUR" } }]),
    ...visitor("cy", [[3, EM]], [{ type: "identify", traits: { email: "cy@fabrikam-test.com" } }]),
    ...visitor("di", [[2, SOCIAL]]),
  ];
  const sent = await collector.api("/v1/batch", { method: "POST", token: null, body: JSON.stringify({ batch, sentAt: new Date().toISOString() }), headers: { authorization: `Basic ${Buffer.from(`${created.write_key}:`).toString("base64")}` } });
  expect(sent.status).toBe(200);
  await collector.eventually(async () => (await collector.api(`/api/v1/stats?site=${site}`)).body.events_stored >= batch.length, 30_000);
  const bo = (await collector.api(`/api/v1/profiles?site=${site}&anonymous_id=bo`)).body.data[0];
  await collector.api(`/api/v1/profiles/${bo.id}`, { method: "PATCH", body: JSON.stringify({ stage: "customer", deal: { amount: 2000, currency: "USD" } }) });
  const costs = ["date,source,medium,campaign,amount,currency", `${day(now - 6 * DAY)},google,cpc,brand,120,EUR`, `${day(now - 15 * DAY)},google,cpc,brand,80,EUR`, `${day(now - 4 * DAY)},newsletter,email,spring,50,USD`];
  expect((await collector.api(`/api/v1/sites/${site}/costs`, { method: "PUT", body: costs.join("\n"), headers: { "content-type": "text/csv" } })).body).toEqual({ rows: 3 });
});
afterAll(async () => {
  await browser?.close();
});

const signedIn = () => signIn(browser, collector.url, { viewport: { width: 1400, height: 1000 } });

/** Every figure of the money and funnel tables, by row key and metric, as the page's data-value attributes hold them. */
async function shownRows(page: Page): Promise<Record<string, Record<string, number | null>>> {
  const cells = await page.$$eval("#money-table tbody tr td[data-metric], #funnel-table tbody tr td[data-metric]", (tds) =>
    tds.map((td) => [td.closest("tr")!.getAttribute("data-key")!, td.getAttribute("data-metric")!, td.querySelector("[data-value]")!.getAttribute("data-value")!] as const),
  );
  const out: Record<string, Record<string, number | null>> = {};
  for (const [key, metric, value] of cells) (out[key] ??= {})[metric] = value === "" ? null : Number(value);
  return out;
}

async function apiReport(model: string, range = { from, to }, extra = "") {
  const q = `site=${site}&model=${model}&from=${range.from}T00:00:00.000Z&to=${range.to}T23:59:59.999Z${extra}`;
  return (await collector.api(`/api/v1/reports/channels?${q}`)).body;
}

describe("the Channels page", () => {
  it("shows the API's report under each model, with changes against the period before and zero rows on request", async () => {
    const { page, violations } = await signedIn();
    await page.goto(`${collector.url}/dashboard/channels?site=${site}&from=${from}&to=${to}`);
    for (const model of ["last_touch", "linear"]) {
      await Promise.all([page.waitForURL(new RegExp(`model=${model}`)), page.click(`a[data-model=${model}]`)]);
      const api = await apiReport(model);
      const shown = await shownRows(page);
      // Social brought a visit but nothing credited and no cost: hidden until asked for.
      const visible = api.rows.filter((r: any) => r.key !== "Organic Social");
      expect(Object.keys(shown).sort()).toEqual(visible.map((r: any) => r.key).sort());
      for (const row of visible) for (const [metric, value] of Object.entries(shown[row.key]!)) expect(value, `${model} ${row.key} ${metric}`).toBe(row[metric]);
      expect(await page.getAttribute("[data-kpi=revenue] [data-value]", "data-value")).toBe(String(api.totals.revenue));
    }
    // Linear splits bo's deal (2,000 USD = 1,800 EUR) and order (300 EUR) between Paid Search and Email.
    const linear = await apiReport("linear");
    expect(linear.rows.find((r: any) => r.key === "Email")).toMatchObject({ revenue: 1050, cost: 45, customers: 0.5 });
    expect(await page.textContent('#money-table tr[data-key="Email"] td[data-metric=revenue]')).toContain("€1,050.00");
    // Against the period before (ada's lead and 80 EUR of Paid Search fell there).
    const before = await apiReport("linear", { from: day(now - 19 * DAY), to: day(now - 10 * DAY) });
    expect(before.totals).toMatchObject({ leads: 1, cost: 80 });
    const delta = await page.textContent('#money-table tfoot td[data-metric=cost] .delta');
    expect(delta).toBe(`+€${(linear.totals.cost - 80).toFixed(2)}`);
    await Promise.all([page.waitForURL(/zero=1/), page.click("#zero-toggle")]);
    expect(Object.keys(await shownRows(page))).toContain("Organic Social");
    // A row opens its leads; a preset sets the range.
    await Promise.all([page.waitForURL(/\/dashboard\/leads\?/), page.click('#money-table tr[data-key="Paid Search"] th a')]);
    expect(new URL(page.url()).searchParams.get("channel")).toBe("Paid Search");
    await page.goto(`${collector.url}/dashboard/channels?site=${site}`);
    await Promise.all([page.waitForURL(/from=/), page.click('a[data-preset="7d"]')]);
    expect(new URL(page.url()).searchParams.get("from")).toBe(day(now - 6 * DAY));
    expect(await page.getAttribute('a[data-preset="7d"]', "aria-current")).toBe("page");
    expect(violations).toEqual([]);
  });

  it("refuses a pasted CSV naming the bad line and stores nothing; takes it once the rate is set, then a file", async () => {
    const { page, violations } = await signedIn();
    await page.goto(`${collector.url}/dashboard/channels?site=${site}&from=${from}&to=${to}&model=last_touch`);
    const costBefore = (await apiReport("last_touch")).totals.cost;
    await page.fill("#cost-csv", `date,source,medium,campaign,amount,currency\n${to},bing,cpc,,10,EUR\n${to},bing,cpc,x,5,GBP\n`);
    const [refused] = await Promise.all([page.waitForResponse((r) => r.url().includes("/dashboard/channels/costs")), page.click("#cost-form button[type=submit]")]);
    expect(refused.status()).toBe(400);
    expect(await page.getAttribute("#cost-issues li", "data-path")).toBe("line 3.currency");
    expect(await page.inputValue("#cost-csv")).toContain("bing,cpc,x,5,GBP");
    expect((await apiReport("last_touch")).totals.cost).toBe(costBefore);

    // A rate for GBP, and the same paste goes in.
    await page.fill("#rates", "USD 0.9\nGBP 1.2");
    await Promise.all([page.waitForURL(/notice=currency_saved/), page.click("#currency-form button[type=submit]")]);
    expect((await collector.api(`/api/v1/sites/${site}`)).body.settings.fx).toEqual({ USD: 0.9, GBP: 1.2 });
    await page.fill("#cost-csv", `date,source,medium,campaign,amount,currency\n${to},bing,cpc,,10,EUR\n${to},bing,cpc,x,5,GBP\n`);
    await Promise.all([page.waitForURL(/notice=costs_imported/), page.click("#cost-form button[type=submit]")]);
    expect((await apiReport("last_touch")).totals.cost).toBe(costBefore + 16);

    await page.setInputFiles("#cost-file", { name: "costs.csv", mimeType: "text/csv", buffer: Buffer.from(`date,source,medium,campaign,amount,currency\r\n${to},bing,cpc,,10,EUR\r\n${to},google,cpc,brand,7.5,EUR\r\n`) });
    await page.fill("#cost-csv", "");
    await Promise.all([page.waitForURL(/notice=costs_imported/), page.click("#cost-form button[type=submit]")]);
    expect(await page.textContent("[role=status]")).toContain("2 rows");
    const api = await apiReport("last_touch");
    // bing's row of today was replaced (10 EUR again); google's is new.
    expect(api.totals.cost).toBe(costBefore + 16 + 7.5);
    expect(await page.getAttribute("[data-kpi=cost] [data-value]", "data-value")).toBe(String(api.totals.cost));
    expect(violations).toEqual([]);
  });
});
