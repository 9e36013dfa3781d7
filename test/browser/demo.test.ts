// End to end: a real Chromium opens the demo page served by the running collector; the visit becomes a profile.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./support/browser";
import { sharedCollector, type RunningCollector } from "./support/collector";

let collector: RunningCollector;
let browser: Browser;

beforeAll(async () => {
  collector = sharedCollector();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("the demo site", () => {
  it("serves /healthz, /p.js with an ETag, and /demo embedding the snippet", async () => {
    expect(await (await fetch(`${collector.url}/healthz`)).json()).toEqual({ ok: true });
    const js = await fetch(`${collector.url}/p.js`);
    expect(js.headers.get("content-type")).toContain("javascript");
    const etag = js.headers.get("etag")!;
    expect(etag).toMatch(/^".+"$/);
    expect((await fetch(`${collector.url}/p.js`, { headers: { "if-none-match": etag } })).status).toBe(304);
    const html = await (await fetch(`${collector.url}/demo`)).text();
    expect(html).toContain('<script defer src="/p.js" data-site="demo"></script>');
  });

  it("turns a visit to /demo into a demo profile visible through the API", async () => {
    const page = await browser.newPage();
    const beacon = page.waitForResponse((r) => r.url().endsWith("/collect") && r.request().method() === "POST");
    await page.goto(`${collector.url}/demo?utm_source=launch&utm_medium=email&utm_campaign=autumn`);
    const response = await beacon;
    expect(response.status()).toBe(202);
    const sent = JSON.parse(response.request().postData()!);
    expect(sent.s).toBe("demo");
    const profile = await collector.eventually(async () => {
      const { body } = await collector.api<{ data: any[] }>(`/api/v1/profiles?site=demo&anonymous_id=${encodeURIComponent(sent.a)}`);
      return body.data.find((p) => p.counts.pageviews >= 1);
    });
    expect(profile.first_touch).toMatchObject({ channel: "Email", source: "launch", campaign: "autumn" });
    expect(profile.device.browser).toMatch(/Chrom/);
  });

  it("scores a visitor who compares, checks pricing and requests a demo as ready to buy, with a breakdown", async () => {
    const page = await browser.newPage();
    const beacon = () => page.waitForResponse((r) => r.url().endsWith("/collect") && r.request().method() === "POST");
    let sent = beacon();
    await page.goto(`${collector.url}/demo/compare/acme-vs-pista`);
    const anonymousId = JSON.parse((await sent).request().postData()!).a as string;
    sent = beacon();
    await page.click("text=Compare plans");
    await sent;
    await page.click("#plan-enterprise");
    await page.waitForURL(/\/demo\/contact/);
    await page.fill("input[name=name]", "Dana Reyes");
    await page.fill("input[name=email]", "dana.reyes@northwind-buyer.com");
    await page.fill("input[name=company]", "Contoso");
    await page.fill("input[name=job_title]", "VP Marketing");
    await page.selectOption("select[name=budget]", { label: "Over $5k/month" });
    await page.selectOption("select[name=timeline]", { label: "This quarter" });
    await page.fill("textarea[name=need]", "Route hot leads to sales within minutes");
    await page.click("#submit-demo");
    await page.waitForURL(/\/demo\/thanks/);
    const profile = await collector.eventually(async () => {
      const { body } = await collector.api<{ data: any[] }>(`/api/v1/profiles?site=demo&anonymous_id=${encodeURIComponent(anonymousId)}`);
      const p = body.data[0];
      return p?.email === "dana.reyes@northwind-buyer.com" && p.label === "ready_to_buy" ? p : null;
    }, 20_000);
    expect(["lead", "mql"]).toContain(profile.stage);
    expect(profile.traits).toMatchObject({ name: "Dana Reyes", company: "Contoso", job_title: "VP Marketing" });
    const rules = profile.score_breakdown.map((b: { rule: string }) => b.rule);
    expect(rules).toEqual(expect.arrayContaining(["visited_pricing", "compared_alternatives", "requested_demo", "vp_director"]));
    expect(profile.score).toBeGreaterThan(50);
  });

  it("knows a demo request on a campaign landing page by its button, and scores the visitor ready to buy", async () => {
    const page = await (await browser.newContext()).newPage();
    const beacon = () => page.waitForResponse((r) => r.url().endsWith("/collect") && r.request().method() === "POST");
    const sent = beacon();
    await page.goto(`${collector.url}/demo/pricing`);
    const anonymousId = JSON.parse((await sent).request().postData()!).a as string;
    await page.goto(`${collector.url}/demo/compare/acme-vs-pista`);
    // The landing page's path, form id and name say nothing about a demo; its button does.
    await page.goto(`${collector.url}/demo/lp/spring-webinar?utm_source=linkedin&utm_medium=paid_social&utm_campaign=spring-webinar`);
    await page.fill("input[name=name]", "Kai Moreno");
    await page.fill("input[name=email]", "kai.moreno@fabrikam-buyer.com");
    await page.fill("input[name=company]", "Fabrikam");
    await page.fill("input[name=job_title]", "Director of Revenue Operations");
    await page.selectOption("select[name=budget]", { label: "Over $5k/month" });
    await page.click("text=Book a demo");
    await page.waitForURL(/\/demo\/thanks/);
    const profile = await collector.eventually(async () => {
      const { body } = await collector.api<{ data: any[] }>(`/api/v1/profiles?site=demo&anonymous_id=${encodeURIComponent(anonymousId)}`);
      const p = body.data[0];
      return p?.email === "kai.moreno@fabrikam-buyer.com" && p.score_breakdown.some((b: { rule: string }) => b.rule === "requested_demo") ? p : null;
    }, 20_000);
    expect(profile.label).toBe("ready_to_buy");
    expect(profile.grade).toBe("B");
    const rules = profile.score_breakdown.map((b: { rule: string }) => b.rule);
    // Over $5k a month is 60k a year: the high budget tier
    expect(rules).toEqual(expect.arrayContaining(["submitted_form", "requested_demo", "visited_pricing", "vp_director", "budget_high", "corporate_email"]));
    const events = (await collector.api<{ data: any[] }>(`/api/v1/profiles/${profile.id}/events?limit=50`)).body.data;
    const form = events.find((e) => e.type === "form");
    expect(form).toMatchObject({ name: "lp-2026-spring", props: { form_button: "Book a demo" } });
  });
});
