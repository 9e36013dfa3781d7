// Owners and alerts end to end over real HTTP: the collector (wrangler dev, local D1 and queues) gives a qualified lead
// its owner and posts the alert to Slack- and Teams-shaped node:http receivers on 127.0.0.1 (retried when the first
// attempt fails: 1 s, 2 s, 3 s in these runs); in real Chromium the routing page sends a test alert, shows invalid
// configurations by path, the leads list filters by owner, and the profile page changes the owner.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./support/browser";
import { sharedCollector, type RunningCollector } from "./support/collector";
import { signIn } from "./support/dashboard";

interface Received {
  path: string;
  body: any;
  status: number;
}

/** Slack answers "ok" to {text, blocks}; Teams answers "1" to a MessageCard; anything else is refused with 400. */
const received: Received[] = [];
const failFirst = new Set<string>();
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const path = req.url ?? "/";
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "null");
    const slack = path.startsWith("/slack/");
    const valid = slack ? typeof body?.text === "string" && Array.isArray(body.blocks) : body?.["@type"] === "MessageCard" && typeof body.summary === "string";
    const first = !received.some((r) => r.path === path);
    const status = failFirst.has(path) && first ? 500 : valid ? 200 : 400;
    received.push({ path, body, status });
    res.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? (slack ? "ok" : "1") : status === 400 ? "invalid_payload" : "rollup_error");
  });
});

let collector: RunningCollector;
let browser: Browser;
let receiverUrl = "";
let SITE = "";

beforeAll(async () => {
  collector = sharedCollector();
  [browser] = await Promise.all([launchBrowser(), new Promise<void>((r) => server.listen(0, "127.0.0.1", r))]);
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  SITE = (await collector.site({ name: "Routing e2e" })).id;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server.close(r));
});

const uid = (p: string) => `${p}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
const to = (path: string) => received.filter((r) => r.path === path);

/** A visitor reads the pricing page, then a VP who buys this quarter fills the contact form: an mql. */
async function qualify(site: string, name: string) {
  const anon = uid("anon");
  const now = Date.now();
  const res = await collector.beacon({
      s: site, a: anon,
      e: [
        { k: "pageview", id: uid("e"), t: now - 2000, u: "http://localhost/pricing" },
        { k: "form", id: uid("e"), t: now - 1000, u: "http://localhost/contact", n: "contact", p: { form_ms: 20_000 }, tr: { email: `${uid("vp")}@enterprise-test.com`, name, company: "Northwind", job_title: "VP Sales", timeline: "this quarter" } },
      ],
    });
  expect(res.status).toBe(202);
  return collector.eventually(async () => {
    const { body } = await collector.api(`/api/v1/profiles?site=${site}&anonymous_id=${anon}`);
    return body.data[0]?.owner && body.data[0];
  });
}

const signedIn = async (): Promise<Page> => (await signIn(browser, collector.url)).page;

describe("owners and alerts over real HTTP", () => {
  it("assigns a qualified lead and alerts its owner in Slack (retried after a failure) and Teams", async () => {
    const routing = {
      owners: [
        { id: "ana", name: "Ana", email: "ana@acme.example", slack_url: `${receiverUrl}/slack/ana`, teams_url: `${receiverUrl}/teams/ana` },
        { id: "ben", name: "Ben", slack_url: `${receiverUrl}/slack/ben` },
      ],
      rules: [{ when: { trait: { name: "name", matches: "^Ana" } }, assign: "ana" }],
      fallback: "ben",
      follow_up: { within_minutes: 30, escalate_to: "ben" },
    };
    failFirst.add("/slack/ana");
    const saved = await collector.api(`/api/v1/sites/${SITE}/routing`, { method: "PUT", body: JSON.stringify(routing) });
    expect(saved.status).toBe(200);
    const lead = await qualify(SITE, "Ana López");
    expect(lead).toMatchObject({ stage: "mql", owner: { id: "ana", name: "Ana" } });

    const slack = await collector.eventually(() => Promise.resolve(to("/slack/ana").length >= 2 && to("/slack/ana")), 20_000);
    expect(slack.map((r) => r.status)).toEqual([500, 200]);
    expect(slack[1]!.body.text).toMatch(/^New lead for Ana: Ana López \(VP Sales at Northwind\)/);
    expect(JSON.stringify(slack[1]!.body.blocks)).toContain(`/dashboard/profiles/${lead.id}?site=${SITE}|Open the lead in Pista`);
    const [teams] = await collector.eventually(() => Promise.resolve(to("/teams/ana").length === 1 && to("/teams/ana")));
    expect(teams!.body).toMatchObject({ "@type": "MessageCard", title: "New lead for Ana: Ana López", potentialAction: [{ "@type": "OpenUri" }] });
    expect(teams!.status).toBe(200);
    const alerts = (await collector.api(`/api/v1/sites/${SITE}/routing/alerts`)).body.data;
    const anaSlack = alerts.find((e: any) => e.owner_id === "ana" && e.kind === "slack");
    const [log] = await collector.eventually(async () => {
      const data = (await collector.api(`/api/v1/webhooks/${anaSlack.id}/deliveries`)).body.data;
      return data[0]?.status === "delivered" && data;
    });
    expect(log).toMatchObject({ type: "profile.assigned", attempts: 2, response_code: 200 });
    expect(to("/slack/ben")).toEqual([]);
  });

  it("sends a test alert from the routing page, and shows an invalid configuration's problems by path", async () => {
    const page = await signedIn();
    await page.goto(`${collector.url}/dashboard/settings/routing?site=${SITE}`);
    expect(await page.$$eval("#owners tbody tr", (rows) => rows.map((r) => r.getAttribute("data-owner")))).toEqual(["ana", "ben"]);
    const before = to("/teams/ana").length;
    await Promise.all([page.waitForURL(/notice=test_alert/), page.click('tr[data-owner="ana"] button')]);
    expect(await page.textContent(".notice")).toContain("Test alert queued");
    const test = await collector.eventually(() => Promise.resolve(to("/teams/ana").length > before && to("/teams/ana").at(-1)));
    expect(test!.body.title).toBe("Test alert for Ana from Pista (no action needed)");
    await collector.eventually(() => Promise.resolve(to("/slack/ana").some((r) => r.body.text.startsWith("Test alert for Ana"))));

    const text = await page.inputValue("#routing-json");
    const broken = JSON.stringify({ ...JSON.parse(text), rules: [{ when: {}, assign: "zoe" }] });
    await page.fill("#routing-json", broken);
    const [answer] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/dashboard/settings/routing")), page.click("#routing-h ~ form button[type=submit]")]);
    expect(answer.status()).toBe(400);
    await page.waitForSelector("#routing-issues");
    expect(await page.$$eval("#routing-issues li", (lis) => lis.map((li) => li.getAttribute("data-path")))).toEqual(["rules.0.assign"]);
    expect(await page.inputValue("#routing-json")).toBe(broken);
    expect((await collector.api(`/api/v1/sites/${SITE}/routing`)).body.rules[0].assign).not.toBe("zoe");
  });

  it("filters the leads list by owner and unassigned, and changes a lead's owner from its profile page", async () => {
    const lead = (await collector.api(`/api/v1/profiles?site=${SITE}&owner=ana`)).body.data[0];
    const page = await signedIn();
    await page.goto(`${collector.url}/dashboard/leads?site=${SITE}&owner=ana`);
    expect(await page.$$eval("#leads tbody tr", (rows) => rows.map((r) => r.getAttribute("data-profile")))).toEqual([lead.id]);
    expect(await page.textContent(`#leads tr[data-profile="${lead.id}"] td[data-owner]`)).toContain("Ana");
    await page.goto(`${collector.url}/dashboard/leads?site=${SITE}&owner=none`);
    expect(await page.$$("#leads tbody tr")).toHaveLength(0);

    await page.goto(`${collector.url}/dashboard/profiles/${lead.id}?site=${SITE}`);
    expect(await page.textContent("#owner-facts")).toContain("Ana (ana)");
    await page.selectOption("#owner", "ben");
    await Promise.all([page.waitForURL(/notice=owner/), page.click("#owner-h ~ form button[type=submit]")]);
    expect(await page.textContent("#owner-facts")).toContain("Ben (ben)");
    expect((await collector.api(`/api/v1/profiles/${lead.id}`)).body.owner).toEqual({ id: "ben", name: "Ben" });
    const [alert] = await collector.eventually(() => Promise.resolve(to("/slack/ben").length === 1 && to("/slack/ben")));
    expect(alert!.body.text).toMatch(/^New lead for Ben: Ana López/);
  });
});
