// The CRM loop in real Chromium against the shared collector: a webhook endpoint added from the dashboard, its secret
// shown once, a test event the 127.0.0.1 receiver verifies with the standardwebhooks package, the delivery log with the
// next attempt of a pending delivery and a link to the profile; a refused form; the CRM's verdict set on a profile page.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./support/browser";
import { sharedCollector, type RunningCollector } from "./support/collector";
import { signIn } from "./support/dashboard";

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** The CRM: answers each path with the status its handler picks (200 by default), and records every request. */
const received: Received[] = [];
const status = new Map<string, () => number>();
const receiver = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const path = req.url ?? "/";
    received.push({ path, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8") });
    res.writeHead(status.get(path)?.() ?? 200, { "content-type": "text/plain" }).end("ok");
  });
});

let collector: RunningCollector;
let browser: Browser;
let receiverUrl = "";

beforeAll(async () => {
  collector = sharedCollector();
  [browser] = await Promise.all([launchBrowser(), new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r))]);
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => receiver.close(r));
});

const signedIn = () => signIn(browser, collector.url);

/** Adds an endpoint through the page's form; returns its id and the secret the page showed once. */
async function addEndpoint(page: Page, site: string, url: string, events: string[]) {
  await page.goto(`${collector.url}/dashboard/settings/webhooks?site=${site}`);
  await page.fill("#new-url", url);
  for (const e of events) await page.check(`form[data-form=new] input[name=events][value="${e}"]`);
  await Promise.all([page.waitForURL(/notice=webhook_created/), page.click("button:has-text(\"Add the endpoint\")")]);
  const secret = (await page.getAttribute("[data-secret]", "data-secret"))!;
  const id = (await page.getAttribute("[data-new-secret]", "data-new-secret"))!;
  return { id, secret };
}

/** Reloads the settings page until `selector` is on it. */
async function reloadUntil(page: Page, selector: string, timeoutMs = 20_000) {
  await collector.eventually(async () => {
    await page.reload();
    return (await page.locator(selector).count()) > 0;
  }, timeoutMs);
}

const requestsTo = (path: string) => received.filter((r) => r.path === path);

describe("webhooks managed from the dashboard", () => {
  it("adds an endpoint, shows the secret once, and sends a test event the receiver verifies; the log shows it", async () => {
    const site = (await collector.site()).id;
    const { page, violations } = await signedIn();
    const path = `/crm-${site}`;
    const { id, secret } = await addEndpoint(page, site, receiverUrl + path, ["profile.qualified"]);
    expect(secret).toMatch(/^whsec_/);
    expect((await collector.api(`/api/v1/webhooks/${id}`)).body).toMatchObject({ url: receiverUrl + path, events: ["profile.qualified"], status: "active" });

    await page.goto(`${collector.url}/dashboard/settings/webhooks?site=${site}`);
    expect(await page.content()).not.toContain(secret);
    await Promise.all([page.waitForURL(/notice=test_sent/), page.click(`article[data-webhook="${id}"] button[data-action=test]`)]);
    const [req] = await collector.eventually(async () => requestsTo(path).length >= 1 && requestsTo(path));
    const payload = new Webhook(secret).verify(req!.body, req!.headers) as any;
    expect(payload).toMatchObject({ type: "webhook.test", data: { test: true, profile: { site, id: expect.stringMatching(/^p_test_/) } } });

    const row = `article[data-webhook="${id}"] tr[data-type="webhook.test"][data-status=delivered]`;
    await reloadUntil(page, row);
    expect(await page.getAttribute(row, "data-webhook-id")).toBe(req!.headers["webhook-id"]);
    expect(await page.textContent(`${row} [data-attempts]`)).toBe("1");
    expect(await page.textContent(`${row} [data-response]`)).toBe("200");
    expect(violations).toEqual([]);
  });

  it("shows a pending delivery's next attempt, delivers it when the receiver recovers, and links it to the profile", async () => {
    const site = (await collector.site()).id;
    const { page } = await signedIn();
    const path = `/flaky-${site}`;
    let down = true;
    status.set(path, () => (down ? 503 : 200));
    const { id, secret } = await addEndpoint(page, site, receiverUrl + path, ["profile.identified"]);

    const email = `crm-loop-${Date.now()}@northwind-test.com`;
    const now = Date.now();
    const batch = { s: site, a: `crm-${now}`, e: [{ k: "identify", id: `crm-${now}`, t: now, u: "http://localhost/signup", tr: { email, name: "Rui Costa" } }] };
    const sent = await collector.beacon(batch);
    expect(sent.status).toBe(202);

    const pending = `article[data-webhook="${id}"] tr[data-type="profile.identified"][data-status=pending]`;
    await reloadUntil(page, `${pending}[data-delivery] [data-response="503"]`);
    const next = await page.getAttribute(`${pending} [data-next-attempt]`, "data-next-attempt");
    expect(Date.parse(next!)).toBeGreaterThan(Date.now() - 10_000);
    down = false;

    const delivered = `article[data-webhook="${id}"] tr[data-type="profile.identified"][data-status=delivered]`;
    await reloadUntil(page, delivered);
    expect(await page.getAttribute(`${delivered} [data-next-attempt]`, "data-next-attempt")).toBe("");
    // One endpoint (a reload after adding it did not add another), one webhook-id across the attempts, each signed.
    expect((await collector.api(`/api/v1/webhooks?site=${site}`)).body.data).toHaveLength(1);
    expect(new Set(requestsTo(path).map((r) => r.headers["webhook-id"])).size).toBe(1);
    expect(requestsTo(path).length).toBeGreaterThanOrEqual(2);
    for (const r of requestsTo(path)) expect(() => new Webhook(secret).verify(r.body, r.headers)).not.toThrow();

    const profile = (await collector.api(`/api/v1/profiles?site=${site}&email=${encodeURIComponent(email)}`)).body.data[0];
    await Promise.all([page.waitForURL(/\/dashboard\/profiles\//), page.click(`${delivered} a[data-profile="${profile.id}"]`)]);
    expect(await page.textContent("h1")).toBe("Rui Costa");
  });

  it("brings the form back with the problems when the URL and event types are invalid (400), and saves nothing", async () => {
    const site = (await collector.site()).id;
    const { page } = await signedIn();
    await page.goto(`${collector.url}/dashboard/settings/webhooks?site=${site}`);
    await page.fill("#new-url", "ftp://crm.example.com/hook");
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().includes("/dashboard/settings/webhooks") && r.request().method() === "POST"),
      page.click("button:has-text(\"Add the endpoint\")"),
    ]);
    expect(res.status()).toBe(400);
    const paths = await page.$$eval("#new-issues [data-issue-path]", (lis) => lis.map((li) => li.getAttribute("data-issue-path")));
    expect(paths.sort()).toEqual(["events", "url"]);
    expect(await page.inputValue("#new-url")).toBe("ftp://crm.example.com/hook");
    expect(await page.getAttribute("#new-url", "aria-invalid")).toBe("true");
    expect(await page.locator("[data-secret]").count()).toBe(0);

    // Event types the form never offers, sent anyway: refused by the API's own schema.
    const forged = await page.request.post(`${collector.url}/dashboard/settings/webhooks?site=${site}`, {
      form: { url: `${receiverUrl}/never`, events: "profile.exploded" },
      headers: { origin: collector.url },
    });
    expect(forged.status()).toBe(400);
    expect(await forged.text()).toContain('data-issue-path="events.0"');
    expect((await collector.api(`/api/v1/webhooks?site=${site}`)).body.data).toEqual([]);
  });
});

describe("the CRM's verdict on the profile page", () => {
  it("sets contacted, a disposition and a deal with its currency, and the API reads them back", async () => {
    const site = (await collector.site()).id;
    const email = `verdict-${Date.now()}@fabrikam.io`;
    const now = Date.now();
    const batch = { s: site, a: `v-${now}`, e: [{ k: "identify", id: `v-${now}`, t: now, u: "http://localhost/demo", tr: { email, name: "Verdict Tester" } }] };
    await collector.beacon(batch);
    const profile = await collector.eventually(async () => (await collector.api(`/api/v1/profiles?site=${site}&email=${encodeURIComponent(email)}`)).body.data[0]);

    const { page, violations } = await signedIn();
    await page.goto(`${collector.url}/dashboard/profiles/${profile.id}`);
    expect(await page.getAttribute("[data-disposition]", "data-disposition")).toBe("");
    await page.check("#v-contacted");
    await page.selectOption("#v-disposition", "won");
    await page.fill("#v-amount", "12000");
    await page.fill("#v-currency", "usd");
    await Promise.all([page.waitForURL(/notice=verdict/), page.click("button:has-text(\"Save the verdict\")")]);
    expect(await page.getAttribute("[data-disposition]", "data-disposition")).toBe("won");
    expect(await page.textContent("[data-deal-amount]")).toContain("12,000.00 USD");
    const read = (await collector.api(`/api/v1/profiles/${profile.id}`)).body;
    expect(read).toMatchObject({ disposition: "won", deal: { amount: 12000, currency: "USD" } });
    expect(await page.getAttribute("[data-contacted-at]", "data-contacted-at")).toBe(read.contacted_at);

    await page.fill("#v-currency", "dollars");
    const [refused] = await Promise.all([page.waitForResponse((r) => r.url().includes("/verdict")), page.click("button:has-text(\"Save the verdict\")")]);
    expect(refused.status()).toBe(400);
    expect(await page.$$eval("#verdict-issues [data-issue-path]", (lis) => lis.map((li) => li.getAttribute("data-issue-path")))).toEqual(["deal.currency"]);
    expect((await collector.api(`/api/v1/profiles/${profile.id}`)).body.deal).toEqual({ amount: 12000, currency: "USD" });
    expect(violations).toEqual([]);
  });
});
