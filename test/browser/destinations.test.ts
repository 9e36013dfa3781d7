// Ad platforms end to end over real HTTP: in real Chromium the Destinations page shows an invalid Meta form's problems
// by path, saves a valid one, and lists Meta's deliveries with their status; a lead captured by the collector reaches
// a node:http receiver standing for Meta's Graph API on 127.0.0.1 (the collector's META_GRAPH_URL), hashed; the
// page makes a read key for Google Ads' scheduled upload, and the file URL it shows answers with that key as the
// HTTP Basic password, holding the lead's gclid from its anonymous first visit.
import { createHash } from "node:crypto";
import http from "node:http";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchBrowser } from "./support/browser";
import { sharedCollector, type RunningCollector } from "./support/collector";
import { signIn } from "./support/dashboard";

const TOKEN = "EAAGm0PX4ZCpsBAbrowser0test0token0123456789";

const received: { url: string; body: any }[] = [];
const graph = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    received.push({ url: req.url ?? "/", body: JSON.parse(Buffer.concat(chunks).toString("utf8") || "null") });
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ events_received: 1, messages: [], fbtrace_id: "Ab1" }));
  });
});

let collector: RunningCollector;
let browser: Browser;
let SITE = "";

beforeAll(async () => {
  collector = sharedCollector();
  [browser] = await Promise.all([launchBrowser(), new Promise<void>((r) => graph.listen(inject("metaGraphPort"), "127.0.0.1", r))]);
  SITE = (await collector.site({ name: "Destinations e2e" })).id;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => graph.close(r));
});

const uid = (p: string) => `${p}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

const signedIn = async (): Promise<Page> => (await signIn(browser, collector.url)).page;

describe("Settings · Destinations", () => {
  it("validates and saves the Meta destination, sends a lead to Meta, and gives Google Ads a file URL and read key that work", async () => {
    const page = await signedIn();
    const url = `${collector.url}/dashboard/settings/destinations?site=${SITE}`;
    await page.goto(url);
    // Invalid: a pixel id that is not digits, no token. Nothing is saved; the form comes back as typed.
    await page.fill("#meta-pixel", "px-42");
    await page.fill("#meta-stage-lead", "Lead");
    const [invalid] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.click("#meta-form button[type=submit]")]);
    expect(invalid.status()).toBe(400);
    await page.waitForSelector("#meta-issues");
    expect(await page.$$eval("#meta-issues li", (lis) => lis.map((li) => li.getAttribute("data-path")).sort())).toEqual(["access_token", "pixel_id"]);
    expect(await page.inputValue("#meta-pixel")).toBe("px-42");
    expect((await collector.api(`/api/v1/sites/${SITE}/destinations/meta`)).status).toBe(404);

    const pixel = String(Date.now()).slice(-12);
    await page.fill("#meta-pixel", pixel);
    await page.fill("#meta-token", TOKEN);
    await page.fill("#meta-test", "TEST77");
    await Promise.all([page.waitForURL(/notice=meta_saved/), page.click("#meta-form button[type=submit]")]);
    expect(await page.textContent("#meta-h .badge")).toBe("active");
    expect(await page.inputValue("#meta-token")).toBe("");
    expect((await collector.api(`/api/v1/sites/${SITE}/destinations/meta`)).body).toMatchObject({ pixel_id: pixel, stages: { lead: "Lead" }, test_event_code: "TEST77" });

    // A visitor lands from a Google ad, comes back from a Facebook post, and fills the demo form: a lead.
    const anon = uid("anon");
    const gclid = `Cj0KCQ${uid("g")}`;
    const fbclid = `IwAR${uid("f")}`;
    const email = `${uid("ana")}@northwind-test.com`;
    const now = Date.now();
    const res = await collector.beacon({
        s: SITE, a: anon,
        e: [
          { k: "pageview", id: uid("e"), t: now - 3000, u: `http://localhost/?gclid=${gclid}`, q: { gclid } },
          { k: "pageview", id: uid("e"), t: now - 2000, u: `http://localhost/pricing?fbclid=${fbclid}`, q: { fbclid } },
          { k: "form", id: uid("e"), t: now - 1000, u: "http://localhost/demo", n: "demo", p: { form_ms: 20_000 }, tr: { email, name: "Ana" } },
        ],
      });
    expect(res.status).toBe(202);
    const call = await collector.eventually(() => Promise.resolve(received.find((r) => r.url.startsWith(`/v21.0/${pixel}/events`))));
    expect(call.url).toBe(`/v21.0/${pixel}/events?access_token=${TOKEN}`);
    expect(call.body.test_event_code).toBe("TEST77");
    expect(call.body.data).toHaveLength(1);
    expect(call.body.data[0]).toMatchObject({ event_name: "Lead", action_source: "system_generated", user_data: { em: [sha256(email)] } });
    expect(call.body.data[0].user_data.fbc).toMatch(new RegExp(`^fb\\.1\\.\\d{13}\\.${fbclid}$`));

    await collector.eventually(async () => (await collector.api(`/api/v1/webhooks/meta_${SITE}/deliveries`)).body.data[0]?.status === "delivered");
    await page.goto(url);
    expect(await page.$$eval("#meta-h ~ div table tbody tr td .badge", (b) => b.map((x) => x.textContent))).toEqual(["delivered"]);

    // Google Ads: the lead stage in the file, a new read key as the upload's password.
    await page.check("#g-lead");
    await Promise.all([page.waitForURL(/stages=lead/), page.click("#google-form button[type=submit]")]);
    await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.click("#google-key-form button[type=submit]")]);
    const key = await page.inputValue("#google-key");
    const fileUrl = await page.inputValue("#google-url");
    expect(fileUrl).toBe(`${collector.url}/api/v1/exports/google-ads.csv?site=${SITE}&stages=lead,mql,sql,customer`);
    const file = await fetch(fileUrl, { headers: { authorization: `Basic ${Buffer.from(`google-ads:${key}`).toString("base64")}` } });
    expect(file.status).toBe(200);
    const lines = (await file.text()).trimEnd().split("\r\n");
    expect(lines.slice(0, 2)).toEqual(["Parameters:TimeZone=+0000", "Google Click ID,Conversion Name,Conversion Time,Conversion Value,Conversion Currency"]);
    expect(lines.slice(2).map((l) => l.split(",").slice(0, 2))).toEqual([[gclid, "Pista lead"]]);
    expect(await page.textContent("#google-rows tbody")).toContain("Pista lead");
  });
});
