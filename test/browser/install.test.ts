// First contact, as a site owner lives it in a real Chromium: add a site, copy its tag into a page served on another
// local port, watch the dashboard go from "waiting" to the first visit; see a refused origin and fix it in one click;
// rename and delete the site.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./support/browser";
import { sharedCollector, type RunningCollector } from "./support/collector";
import { signIn } from "./support/dashboard";

let collector: RunningCollector;
let browser: Browser;
/** The site owner's own page, on a port of its own; `tag` is what they pasted. */
let tag = "";
const ownPage = http.createServer((_req, res) => {
  res.writeHead(200, { "content-type": "text/html" }).end(`<!doctype html><html><head><title>Acme home</title>${tag}</head><body><h1>Acme</h1></body></html>`);
});
let ownUrl = "";

beforeAll(async () => {
  collector = sharedCollector();
  browser = await launchBrowser();
  await new Promise<void>((r) => ownPage.listen(0, "127.0.0.1", r));
  ownUrl = `http://127.0.0.1:${(ownPage.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => ownPage.close(r));
});

const signedIn = async (): Promise<Page> => (await signIn(browser, collector.url)).page;

describe("a new site", () => {
  const id = `acme${Date.now().toString(36)}`;

  it("shows its tag and keys once, waits for the first event, and sees the first visit from a page on another local port", async () => {
    const page = await signedIn();
    await page.goto(`${collector.url}/dashboard/sites/new`);
    await page.fill("#ns-name", "Acme");
    await page.fill("#ns-id", id);
    await page.fill("#ns-domains", "acme.example");
    await page.click("text=Create the site");
    await expect(page.textContent("h1")).resolves.toContain("Acme");
    expect(await page.inputValue("[data-key=write]")).toMatch(/^wk_/);
    expect(await page.inputValue("[data-key=read]")).toMatch(/^rk_/);
    await expect(page.getAttribute("#install-status [data-status]", "data-status")).resolves.toBe("waiting");

    // Copy the tag as a site owner would, and open their page.
    tag = await page.inputValue("#snippet");
    expect(tag).toBe(`<script defer src="${collector.url}/p.js" data-site="${id}"></script>`);
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(`${ownUrl}/`);

    // The settings page refreshes itself while waiting; without a key on screen it picks up the first event.
    await page.goto(`${collector.url}/dashboard/settings?site=${id}`);
    expect(await page.getAttribute("meta[http-equiv=refresh]", "content")).toBe("5");
    await page.waitForSelector("#install-status [data-status=receiving]", { timeout: 30_000 });
    expect(await page.textContent("#install-status")).toContain("Receiving events");
    expect(await page.locator("meta[http-equiv=refresh]").count()).toBe(0);
    const stats = await collector.api(`/api/v1/stats?site=${id}`);
    expect(stats.body.last_event_at).not.toBeNull();
    const profiles = await collector.api(`/api/v1/profiles?site=${id}`);
    expect(profiles.body.data).toHaveLength(1);
  });

  it("warns of beacons refused from an origin it does not list, and adds that origin in one click", async () => {
    const staging = "https://staging.acme-corp.example";
    for (let i = 0; i < 3; i++) {
      const res = await collector.beacon({ s: id, a: `staging-visitor-${i}`, e: [{ k: "pageview", id: `st-${Date.now()}-${i}`, t: Date.now(), u: `${staging}/` }] }, staging);
      expect(res.status).toBe(403);
    }
    const page = await signedIn();
    await collector.eventually(async () => (await collector.api(`/api/v1/stats?site=${id}`)).body.dropped.origin_not_allowed === 3);
    await page.goto(`${collector.url}/dashboard/settings?site=${id}`);
    const warning = page.locator(`[data-refused-origin="${staging}"]`);
    await expect(warning.textContent()).resolves.toContain(`3 events from ${staging} refused`);
    await Promise.all([page.waitForURL(/notice=domain_added/), warning.locator("button").click()]);
    expect((await collector.api(`/api/v1/sites/${id}`)).body.domains).toEqual(["acme.example", "staging.acme-corp.example"]);
    const again = await collector.beacon({ s: id, a: "staging-visitor-9", e: [{ k: "pageview", id: `st-${Date.now()}-9`, t: Date.now(), u: `${staging}/` }] }, staging);
    expect(again.status).toBe(202);
  });

  it("is renamed, and deleted only after typing its id, leaving nothing behind", async () => {
    const page = await signedIn();
    await page.goto(`${collector.url}/dashboard/settings?site=${id}`);
    await page.fill("#site-name", "Acme Corp");
    await Promise.all([page.waitForURL(/notice=site_saved/), page.click("#site-h ~ form button[type=submit]")]);
    expect((await collector.api(`/api/v1/sites/${id}`)).body.name).toBe("Acme Corp");

    await Promise.all([page.waitForURL(/\/settings\/delete/), page.click("text=Delete…")]);
    await page.fill("#confirm", "wrong");
    const [refused] = await Promise.all([page.waitForResponse((r) => r.url().includes("/settings/delete") && r.request().method() === "POST"), page.click("text=Delete permanently")]);
    expect(refused.status()).toBe(400);
    expect((await collector.api(`/api/v1/sites/${id}`)).status).toBe(200);
    await page.goBack();
    await page.fill("#confirm", id);
    await Promise.all([page.waitForURL(/notice=site_deleted/), page.click("text=Delete permanently")]);
    expect((await collector.api(`/api/v1/sites/${id}`)).status).toBe(404);
    expect(await page.$$eval("#f-site option", (os) => os.map((o) => o.getAttribute("value")))).not.toContain(id);
  });
});
