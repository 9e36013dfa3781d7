// The snippet in real Chromium: campaign parameters kept for the session, GPC, consent and cookieless mode.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningCollector } from "./support/collector";
import type { FixtureServer, Scope } from "./support/fixture-server";
import { snippetSuite } from "./support/snippet-suite";
import { countSends, sendsOf } from "./support/sends";

type Pista = (...args: unknown[]) => void;

let collector: RunningCollector;
let fixtures: FixtureServer;
let browser: Browser;
let page: Page;
let my: Scope;

snippetSuite((s) => ({ collector, fixtures, browser } = s));
beforeEach(() => {
  my = fixtures.scope();
});
afterEach(async () => {
  await page?.close();
});

/** A page in a fresh context (contexts stay open: closing one ends the bundled single-process Chromium). */
async function open(options: { gpc?: boolean } = {}): Promise<Page> {
  const context: BrowserContext = await browser.newContext(options.gpc ? { extraHTTPHeaders: { "Sec-GPC": "1" } } : {});
  await countSends(context);
  if (options.gpc) await context.addInitScript(() => Object.defineProperty(Navigator.prototype, "globalPrivacyControl", { get: () => true }));
  page = await context.newPage();
  // The bundled single-process Chromium shares localStorage between contexts: start from an empty one.
  await page.goto(`${my.base}/blank`);
  await page.evaluate(() => localStorage.clear());
  return page;
}

const call = (...args: unknown[]) => page.evaluate((a) => (window as unknown as { pista: Pista }).pista(...a), args);
const ourKeys = () => page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) => k.startsWith("pista")));
/** Hides the page the way a navigation does (pagehide), which sends whatever may be sent; returns the sends so far. */
const hideAndCountSends = async () => {
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent("pagehide")));
  return sendsOf(page);
};

describe("campaign parameters", () => {
  it("are taken from the landing URL (utm_* and click ids only) and carried by later pages and events", async () => {
    await open();
    await page.goto(`${my.base}/?utm_source=newsletter&utm_medium=email&utm_campaign=spring&gclid=Cj0abc&ref=friend&email=leak@example.com`);
    const landing = await my.event((e) => e.k === "pageview");
    const campaign = { utm_source: "newsletter", utm_medium: "email", utm_campaign: "spring", gclid: "Cj0abc" };
    expect(landing.event.q).toEqual(campaign);
    await page.click("#next");
    const next = await my.event((e) => e.k === "pageview" && my.path(e.u) === "/next");
    expect(next.event.q).toEqual(campaign);
    await call("track", "pricing_calculator_used", { seats: 40 });
    const tracked = await my.event((e) => e.k === "track");
    expect(tracked.event).toMatchObject({ n: "pricing_calculator_used", p: { seats: 40 }, q: campaign });
  });
});

describe("Global Privacy Control", () => {
  it("sends no anonymous id, no traits, ignores identify, and stores nothing", async () => {
    await open({ gpc: true });
    await page.goto(`${my.base}/form?utm_source=ads`);
    await call("identify", "user-1", { email: "gpc@example.com" });
    await page.click("#submit");
    await page.waitForURL(`${my.base}/thanks`);
    const { batch } = await my.event((e) => e.k === "pageview" && my.path(e.u) === "/thanks");
    const form = await my.event((e) => e.k === "form");
    expect(await ourKeys()).toEqual([]);
    // Without an anonymous id the collector treats a batch as cookieless.
    for (const b of [batch, form.batch]) expect(b).not.toHaveProperty("a");
    expect(form.event).not.toHaveProperty("tr");
    expect(my.events().map(({ event }) => event.k)).not.toContain("identify");
    expect(fixtures.received.filter((r) => r.body.includes("gpc@example.com") || r.body.includes("ada@lovelace.example"))).toEqual([]);
  });
});

describe("consent", () => {
  it("denied: forgets the stored id, then sends without id and without identify", async () => {
    await open();
    await page.goto(`${my.base}/`);
    const before = await my.event((e) => e.k === "pageview");
    expect(before.batch.a).toBeTruthy();
    expect(await ourKeys()).toEqual(["pista_a"]);
    await call("consent", "denied");
    expect(await ourKeys()).toEqual([]);
    await call("identify", { email: "denied@example.com" });
    await call("track", "after_denial");
    const after = await my.event((e) => e.k === "track");
    expect(after.batch).not.toHaveProperty("a");
    expect(my.events().map(({ event }) => event.k)).not.toContain("identify");
  });

  it("required: nothing is sent or stored until granted, then the held events go out with an id", async () => {
    await open();
    await page.goto(`${my.base}/consent?utm_source=ads`);
    await call("track", "held_event");
    expect(await hideAndCountSends()).toBe(0);
    expect(await ourKeys()).toEqual([]);
    expect(my.events()).toEqual([]);
    await call("consent", "granted");
    const { batch } = await my.event((e) => e.k === "track" && e.n === "held_event");
    // (the engage event comes from the pagehide above)
    expect(batch.e.map((e) => e.k)).toEqual(["pageview", "track", "engage"]);
    expect(batch.a).toBeTruthy();
    expect(await ourKeys()).toEqual(["pista_a"]);
  });

  it("required and denied: nothing is ever sent or stored", async () => {
    await open();
    await page.goto(`${my.base}/consent`);
    await call("consent", "denied");
    await call("track", "never_sent");
    expect(await hideAndCountSends()).toBe(0);
    expect(await ourKeys()).toEqual([]);
    expect(my.events()).toEqual([]);
  });
});

describe("data-cookieless", () => {
  it("sends without an anonymous id (which the collector reads as cookieless) and stores nothing", async () => {
    await open();
    await page.goto(`${my.base}/cookieless`);
    const { batch } = await my.event((e) => e.k === "pageview");
    expect(batch).not.toHaveProperty("a");
    expect(await ourKeys()).toEqual([]);
  });
});
