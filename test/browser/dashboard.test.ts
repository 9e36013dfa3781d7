// End to end in a real Chromium: the marketers' dashboard over the real collector, with demo data sent through
// /collect by the seed script and a real 127.0.0.1 webhook receiver. Pages are compared with the JSON API.
import { mkdirSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error — plain ESM script without types
import { seedDemoData } from "../../scripts/seed-demo-data.mjs";
import { launchBrowser } from "./support/browser";
import { ADMIN_TOKEN, sharedCollector, type RunningCollector } from "./support/collector";
import { signIn } from "./support/dashboard";

/** README's screenshots are retaken by `PISTA_SCREENSHOTS=1 npx vitest run --project browser test/browser/dashboard.test.ts`;
 *  a plain test run writes nothing into the repository. */
const SHOTS = process.env.PISTA_SCREENSHOTS === "1" ? path.resolve(import.meta.dirname, "../../docs/screenshots") : null;

let collector: RunningCollector;
let browser: Browser;
/** This file's own site, seeded with the demo data set; its read key. */
let SITE = "";
let READ_KEY = "";
/** The CRM side of the webhooks: records every request, answers 200. */
const received: { webhookId: string; body: any }[] = [];
const receiver = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    received.push({ webhookId: String(req.headers["webhook-id"]), body: JSON.parse(Buffer.concat(chunks).toString("utf8") || "null") });
    res.writeHead(200).end("ok");
  });
});

beforeAll(async () => {
  if (SHOTS) mkdirSync(SHOTS, { recursive: true });
  collector = sharedCollector();
  [browser] = await Promise.all([launchBrowser(), new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r))]);
  const site = await collector.site({ name: "Northwind (dashboard tests)" });
  [SITE, READ_KEY] = [site.id, site.read_key];
  const sent = await seedDemoData({ url: collector.url, visitors: 150, seed: 11, site: SITE });
  // The queue stores asynchronously: wait until every event sent is stored.
  await collector.eventually(async () => (await collector.api<{ events_stored: number }>(`/api/v1/stats?site=${SITE}`)).body.events_stored >= sent.events, 60_000);
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => receiver.close(r));
});

const signedIn = (token = ADMIN_TOKEN, options: { javaScriptEnabled?: boolean } = {}) => signIn(browser, collector.url, { token, ...options });

/** The range the page shows, as the API's from/to. */
async function apiRange(page: Page): Promise<string> {
  const [from, to] = [await page.inputValue("#f-from"), await page.inputValue("#f-to")];
  return `from=${from}T00:00:00.000Z&to=${to}T23:59:59.999Z`;
}

async function apiCredits(model: string, range: string, conversion = "lead"): Promise<{ total: number; rows: Record<string, number> }> {
  const { body } = await collector.api<{ total_conversions: number; rows: { key: string; conversions: number }[] }>(
    `/api/v1/attribution?site=${SITE}&model=${model}&conversion=${conversion}&${range}`,
  );
  return { total: body.total_conversions, rows: Object.fromEntries(body.rows.map((r) => [r.key, r.conversions])) };
}

const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
};

describe("the dashboard", () => {
  it("sends a signed-out visitor to sign in, refuses a wrong token and lands on the overview with the right one (no JavaScript)", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const first = await page.goto(`${collector.url}/dashboard`);
    expect(page.url()).toBe(`${collector.url}/dashboard/sign-in`);
    expect(first!.headers()["content-security-policy"]).toMatch(/^default-src 'none'; script-src 'nonce-[^']+'; style-src 'self' 'nonce-[^']+'/);
    await shot(page, "sign-in");

    await page.fill("#token", "not-the-token");
    const [refused] = await Promise.all([page.waitForResponse((r) => r.url().endsWith("/dashboard/sign-in") && r.request().method() === "POST"), page.click("button[type=submit]")]);
    expect(refused.status()).toBe(401);
    await expect(page.textContent("[role=alert]")).resolves.toContain("not valid");

    await page.fill("#token", ADMIN_TOKEN);
    await Promise.all([page.waitForURL(/\/dashboard$/), page.click("button[type=submit]")]);
    expect(await page.textContent("h1")).toContain("Overview");
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/dashboard" });
    expect(cookie!.value).not.toContain(ADMIN_TOKEN);
    await page.goto(`${collector.url}/dashboard?site=${SITE}`);

    const range = await apiRange(page);
    const [leads, mqls] = [await apiCredits("last_touch", range), await apiCredits("last_touch", range, "mql")];
    expect(leads.total).toBeGreaterThan(0);
    expect(await page.textContent("[data-kpi=leads]")).toBe(String(leads.total));
    expect(await page.textContent("[data-kpi=mqls]")).toBe(String(mqls.total));
    await shot(page, "overview");
  });

  it("switches attribution models and shows the JSON API's numbers for each", async () => {
    const { page, violations } = await signedIn();
    await page.goto(`${collector.url}/dashboard/attribution?site=${SITE}`);
    const range = await apiRange(page);
    const shown: Record<string, Record<string, number>> = {};
    for (const model of ["first_touch", "last_touch", "linear", "markov", "shapley"]) {
      await Promise.all([page.waitForURL(new RegExp(`model=${model}`)), page.click(`a[data-model=${model}]`)]);
      expect(await page.getAttribute(`a[data-model=${model}]`, "aria-current")).toBe("page");
      const rows = await page.$$eval("#credits-table tbody tr", (trs) => trs.map((tr) => [tr.getAttribute("data-key")!, Number(tr.querySelector("[data-conversions]")!.getAttribute("data-conversions"))] as const));
      shown[model] = Object.fromEntries(rows);
      const api = await apiCredits(model, range);
      expect(shown[model]).toEqual(api.rows);
      expect(await page.getAttribute("[data-total]", "data-total")).toBe(String(api.total));
      // The side-by-side table agrees with the chosen model's table.
      const column = await page.$$eval(`#compare td[data-model=${model}]`, (tds) => tds.map((td) => Number(td.getAttribute("data-conversions"))));
      expect(column.reduce((a, b) => a + b, 0)).toBeCloseTo(api.total, 4);
    }
    expect(shown.first_touch).not.toEqual(shown.last_touch);
    await shot(page, "attribution");

    const csv = await page.request.get(new URL((await page.getAttribute("a[download]", "href"))!, collector.url).href);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe('"channel","conversions","value","model","conversion"');
    expect(Object.fromEntries(lines.slice(1).map((l) => [JSON.parse(l.split(",")[0]!), Number(l.split(",")[1])]))).toEqual(shown.shapley);
    expect(violations).toEqual([]);
  });

  it("opens the hottest lead from the leads list and explains the score rule by rule", async () => {
    const { page, violations } = await signedIn();
    await page.goto(`${collector.url}/dashboard/leads?site=${SITE}`);
    const firstRow = page.locator("#leads tbody tr").first();
    const id = (await firstRow.getAttribute("data-profile"))!;
    const name = (await firstRow.locator("th a").textContent())!;
    await shot(page, "leads");

    await Promise.all([page.waitForURL(new RegExp(`/dashboard/profiles/${id}`)), firstRow.locator("th a").click()]);
    expect(await page.textContent("h1")).toBe(name);
    const { body: api } = await collector.api<{ score: number; stage: string; score_breakdown: { rule: string; description: string }[] }>(`/api/v1/profiles/${id}`);
    expect(Number(await page.getAttribute("[data-score]", "data-score"))).toBeCloseTo(api.score, 1);
    expect(await page.getAttribute("[data-stage]", "data-stage")).toBe(api.stage);
    for (const b of api.score_breakdown) expect(await page.textContent(`li[data-rule=${b.rule}]`)).toContain(b.description);
    expect(await page.locator("#journey tbody tr").count()).toBeGreaterThan(0);
    expect(await page.locator("#timeline li").count()).toBeGreaterThan(0);
    await shot(page, "profile");
    expect(violations).toEqual([]);
  });

  it("shows identified people without junk by default, hottest first, and hot visitors in a view of their own", async () => {
    const { page, violations } = await signedIn();
    await page.goto(`${collector.url}/dashboard/leads?site=${SITE}`);
    const shown = () => page.$$eval("#leads tbody tr", (trs) => trs.map((tr) => tr.getAttribute("data-profile")!));
    const ids = await shown();
    const api = (q: string) => collector.api<{ data: any[] }>(`/api/v1/profiles?site=${SITE}&sort=score&limit=25&${q}`);
    const people = (await api("identified=true&quality=valid,suspect")).body.data;
    expect(ids.length).toBeGreaterThan(5);
    expect(ids).toEqual(people.map((p) => p.id));
    for (const id of ids) {
      const p = (await collector.api(`/api/v1/profiles/${id}`)).body;
      expect(p.email ?? p.phone ?? p.user_id, id).toBeTruthy();
      expect(p.quality.status, id).not.toBe("junk");
    }
    const junk = (await api("quality=junk")).body.data;
    expect(junk.length).toBeGreaterThan(0);
    expect(ids.filter((id) => junk.some((j) => j.id === id))).toEqual([]);
    const scores = await page.$$eval("#leads tbody [data-score]", (tds) => tds.map((td) => Number(td.getAttribute("data-score"))));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(await page.textContent("#leads")).toContain(people[0].email);

    await Promise.all([page.waitForURL(/view=visitors/), page.click("[data-view=visitors]")]);
    const visitors = await shown();
    expect(visitors).toEqual((await api("identified=false&quality=valid,suspect")).body.data.map((p) => p.id));
    expect(await page.locator("#leads [data-grade=unknown]").count()).toBe(visitors.length);

    // search by part of a company name, from the filter form
    await Promise.all([page.waitForURL(/view=people/), page.click("[data-view=people]")]);
    const company = people.find((p) => typeof p.traits.company === "string")!.traits.company as string;
    await page.fill("#f-q", company.slice(1, -1).toUpperCase());
    await Promise.all([page.waitForURL(/q=/), page.click("form.filters button[type=submit]")]);
    const found = await shown();
    expect(found.length).toBeGreaterThan(0);
    expect(await page.textContent("#leads")).toContain(company);
    expect(violations).toEqual([]);
  });

  it("shows an invalid scoring configuration's problems next to the editor by path, and saves nothing", async () => {
    const { page } = await signedIn();
    await page.goto(`${collector.url}/dashboard/settings/scoring?site=${SITE}`);
    const before = (await collector.api<{ version: number }>(`/api/v1/sites/${SITE}/scoring`)).body.version;
    const config = JSON.parse(await page.inputValue("#scoring-json"));
    config.behavior.rules[0].points = 5000;
    config.stages.mql_min_grade = "Z";
    await page.fill("#scoring-json", JSON.stringify(config, null, 2));
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().includes("/dashboard/settings/scoring")), page.click("text=Save and rescore")]);
    expect(res.status()).toBe(400);
    const paths = await page.$$eval("#scoring-issues li", (lis) => lis.map((li) => li.getAttribute("data-path")));
    expect(paths).toEqual(expect.arrayContaining(["behavior.rules.0.points", "stages.mql_min_grade"]));
    expect(await page.getAttribute("#scoring-json", "aria-invalid")).toBe("true");
    expect(JSON.parse(await page.inputValue("#scoring-json")).behavior.rules[0].points).toBe(5000);
    expect((await collector.api<{ version: number }>(`/api/v1/sites/${SITE}/scoring`)).body.version).toBe(before);
  });

  it("replays a webhook delivery: the receiver gets the same webhook-id again", async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/crm`;
    const created = await collector.api<{ id: string }>("/api/v1/webhooks", { method: "POST", body: JSON.stringify({ site: SITE, url, events: ["profile.identified"] }) });
    expect(created.status).toBe(201);
    const email = `replay-${Date.now()}@contoso.com`;
    const now = Date.now();
    const batch = { s: SITE, a: `replay-${now}`, st: now, e: [{ k: "identify", id: `replay-${now}`, t: now, u: `${collector.url}/demo`, tr: { email } }] };
    const beacon = await collector.beacon(batch);
    expect(beacon.status).toBe(202);
    const first = await collector.eventually(async () => received.find((r) => r.body?.data?.profile?.email === email), 30_000).catch(async (err: Error) => {
      const log = await collector.api(`/api/v1/webhooks/${created.body.id}/deliveries`);
      throw new Error(`${err.message}; the delivery log says ${JSON.stringify(log.body)}`);
    });

    const { page, violations } = await signedIn();
    await page.goto(`${collector.url}/dashboard/settings/webhooks?site=${SITE}`);
    const row = page.locator(`tr[data-webhook-id="${first.webhookId}"]`);
    await expect(row.getAttribute("data-delivery")).resolves.toMatch(/^dlv_/);
    await Promise.all([page.waitForURL(/notice=replayed/), row.locator("button", { hasText: "Replay" }).click()]);
    expect(await page.textContent("[role=status]")).toContain("Replay queued");
    const again = await collector.eventually(async () => received.filter((r) => r.webhookId === first.webhookId).length >= 2 && received, 30_000);
    expect(again.filter((r) => r.webhookId === first.webhookId)).toHaveLength(2);
    await page.reload();
    await expect(page.getAttribute(`tr[data-webhook-id="${first.webhookId}"] [data-attempts]`, "data-attempts")).resolves.toBe("2");
    await shot(page, "settings");
    expect(violations).toEqual([]);
  });

  it("shows the demo data's channels and its accounts hottest first, as the API reports them", async () => {
    const { page, violations } = await signedIn();
    await page.goto(`${collector.url}/dashboard/channels?site=${SITE}&model=linear`);
    const range = await apiRange(page);
    const report = (await collector.api<{ rows: { key: string; leads: number }[] }>(`/api/v1/reports/channels?site=${SITE}&model=linear&${range}`)).body;
    const shown = await page.$$eval("tr[data-key]", (rows) => rows.map((r) => r.getAttribute("data-key")));
    const top = [...report.rows].sort((a, b) => b.leads - a.leads)[0]!;
    expect(top.leads).toBeGreaterThan(0);
    expect(shown).toContain(top.key);
    for (const key of shown.filter((k) => k !== "(total)")) expect(report.rows.map((r) => r.key)).toContain(key);
    await shot(page, "channels");

    await page.goto(`${collector.url}/dashboard/accounts?site=${SITE}`);
    const accounts = (await collector.api<{ data: { id: string }[] }>(`/api/v1/accounts?site=${SITE}&sort=score&limit=5`)).body.data;
    expect(accounts.length).toBeGreaterThan(0);
    const listed = await page.$$eval("tr[data-account]", (rows) => rows.map((r) => r.getAttribute("data-account")));
    expect(listed.slice(0, accounts.length)).toEqual(accounts.map((a) => a.id));
    await shot(page, "accounts");
    expect(violations).toEqual([]);
  });

  it("changes a profile's stage, and erases the person only after the confirm step", async () => {
    const email = `stage-${Date.now()}@fabrikam.io`;
    const now = Date.now();
    const batch = { s: SITE, a: `stage-${now}`, st: now, e: [{ k: "identify", id: `stage-${now}`, t: now, u: `${collector.url}/demo`, tr: { email, name: "Stage Tester" } }] };
    await collector.beacon(batch);
    const profile = await collector.eventually(async () => (await collector.api<{ data: { id: string }[] }>(`/api/v1/profiles?site=${SITE}&email=${encodeURIComponent(email)}`)).body.data[0]);

    const { page, violations } = await signedIn();
    await page.goto(`${collector.url}/dashboard/leads?site=${SITE}&email=${encodeURIComponent(email)}`);
    await Promise.all([page.waitForURL(/\/dashboard\/profiles\//), page.click(`tr[data-profile="${profile.id}"] th a`)]);
    await page.selectOption("#stage", "sql");
    await Promise.all([page.waitForURL(/notice=stage/), page.click("text=Change stage")]);
    expect(await page.getAttribute("[data-stage]", "data-stage")).toBe("sql");
    expect((await collector.api<{ stage: string }>(`/api/v1/profiles/${profile.id}`)).body.stage).toBe("sql");

    await Promise.all([page.waitForURL(/\/erase/), page.click("text=Erase this person")]);
    expect((await collector.api(`/api/v1/profiles/${profile.id}`)).status).toBe(200);
    await page.fill("#confirm", "ERASE");
    await Promise.all([page.waitForURL(/notice=erased/), page.click("text=Erase permanently")]);
    expect(new URL(page.url()).pathname).toBe("/dashboard/leads");
    expect((await collector.api(`/api/v1/profiles/${profile.id}`)).status).toBe(404);
    expect(violations).toEqual([]);
  });

  it("lets a read key see only its own site, read-only", async () => {
    await collector.api("/api/v1/sites", { method: "POST", body: JSON.stringify({ id: "other", name: "Other site", domains: ["other.example"] }) });
    const { page } = await signedIn(READ_KEY);
    expect(await page.textContent(".who")).toContain("Read-only");
    expect(await page.$$eval("#f-site option", (os) => os.map((o) => o.getAttribute("value")))).toEqual([SITE]);
    const other = await page.goto(`${collector.url}/dashboard?site=other`);
    expect(other!.status()).toBe(403);
    await page.goto(`${collector.url}/dashboard/settings/scoring?site=${SITE}`);
    expect(await page.getAttribute("#scoring-json", "readonly")).not.toBeNull();
    expect(await page.locator("text=Save and rescore").count()).toBe(0);
    await page.goto(`${collector.url}/dashboard/leads?site=${SITE}`);
    await Promise.all([page.waitForURL(/\/dashboard\/profiles\//), page.locator("#leads tbody tr th a").first().click()]);
    expect(await page.locator("#stage").count()).toBe(0);
    const stage = await page.request.post(`${page.url().split("?")[0]}/stage`, { form: { stage: "customer" }, headers: { origin: collector.url } });
    expect(stage.status()).toBe(403);
    const post = await page.request.post(`${collector.url}/dashboard/settings/scoring?site=${SITE}`, { form: { config: "{}" }, headers: { origin: collector.url } });
    expect(post.status()).toBe(403);
  });

  it("refuses a form POST from another origin", async () => {
    const { page } = await signedIn();
    const forged = await page.request.post(`${collector.url}/dashboard/settings/scoring?site=${SITE}`, { form: { config: "{}" }, headers: { origin: "https://evil.example" } });
    expect(forged.status()).toBe(403);
  });

  it("signs out: the cookie is gone and the dashboard asks to sign in again", async () => {
    const { page, context } = await signedIn();
    await Promise.all([page.waitForURL(/\/dashboard\/sign-in/), page.click("text=Sign out")]);
    await expect(page.textContent("[role=status]")).resolves.toContain("signed out");
    expect(await context.cookies()).toEqual([]);
    await page.goto(`${collector.url}/dashboard/leads`);
    expect(new URL(page.url()).pathname).toBe("/dashboard/sign-in");
  });
});
