// The snippet in real Chromium, how events travel and what is kept of them: served first-party under a path prefix
// (the collector runs with ROUTE_PREFIX=/_p), failed sends kept in localStorage and resent after a reload while the
// collector was down, and URLs stored without what a GET form put in them.
import type { BrowserContext, Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningCollector } from "./support/collector";
import type { FixtureServer, Scope } from "./support/fixture-server";
import { snippetSuite } from "./support/snippet-suite";
import { stored } from "./support/stored";

let collector: RunningCollector;
let fixtures: FixtureServer;
let context: BrowserContext;
let page: Page;
let my: Scope;

snippetSuite((s) => ({ collector, fixtures } = s), { visitor: { blank: true, ready: (v) => ({ context, page, my } = v) } });
afterEach(async () => {
  fixtures.setCollectorDown(false);
  for (const p of context.pages()) await p.close();
});

describe("first-party route", () => {
  it("a script loaded from /_p/p.js on the site's own origin posts to /_p/collect, and the collector takes it", async () => {
    const script = page.waitForResponse((r) => r.url() === `${fixtures.url}/_p/p.js`);
    await page.goto(`${my.base}/first-party`);
    expect((await script).status()).toBe(200);
    const { batch } = await my.event((e) => e.k === "pageview");
    const received = fixtures.received.find((r) => r.batch === batch)!;
    expect(received.path).toBe("/_p/collect");
    expect(received.status).toBe(202);
    const { events } = await stored(collector, my.base, batch.a!, (events) => events.length > 0);
    expect(events.map((e) => [e.type, my.path(e.url!), e.title])).toEqual([["pageview", "/first-party", "First-party"]]);
  });
});

describe("a retry that survives a reload", () => {
  const pending = () => page.evaluate(() => JSON.parse(localStorage.getItem("pista_r") ?? "[]").map((e: { id: string }) => e.id) as string[]);

  it("keeps the events of a send that failed in localStorage, and sends them from the next page once the collector is back", async () => {
    fixtures.setCollectorDown(true);
    const failed = page.waitForEvent("requestfailed", (r) => r.url().endsWith("/collect"));
    await page.goto(`${my.base}/`);
    const lost = JSON.parse((await failed).postData()!).e as { k: string; id: string }[];
    expect(lost.map((e) => e.k)).toEqual(["pageview"]);
    await page.waitForFunction((id) => (localStorage.getItem("pista_r") ?? "").includes(id), lost[0]!.id);

    // Reloaded while the collector is still down: the page left takes nothing with it (its beacon is cut off too),
    // and the new page's first send fails as well.
    const failedAgain = page.waitForEvent("requestfailed", (r) => r.url().endsWith("/collect"));
    await page.reload();
    const resent = JSON.parse((await failedAgain).postData()!).e as { k: string; id: string }[];
    expect(resent.map((e) => e.id)).toContain(lost[0]!.id);
    expect(await pending()).toContain(lost[0]!.id);
    expect(fixtures.received.filter((r) => r.body.includes(lost[0]!.id))).toEqual([]);

    // The collector is back: the next send carries the first page's view, stored once.
    fixtures.setCollectorDown(false);
    await page.evaluate(() => (window as unknown as { pista: (...a: unknown[]) => void }).pista("track", "collector_back"));
    const { batch } = await my.event((e) => e.id === lost[0]!.id);
    expect(batch.e.map((e) => e.k)).toContain("track");
    const { events } = await stored(collector, my.base, batch.a!, (events) => events.some((e) => e.name === "collector_back"));
    expect(events.filter((e) => e.id === lost[0]!.id)).toHaveLength(1);
    expect(events.filter((e) => e.type === "pageview").length).toBeGreaterThanOrEqual(2);
    await page.waitForFunction(() => localStorage.getItem("pista_r") === null);
  });

  it("stores nothing when identifiers are refused (data-cookieless): the retry stays in memory", async () => {
    fixtures.setCollectorDown(true);
    const failed = page.waitForEvent("requestfailed", (r) => r.url().endsWith("/collect"));
    await page.goto(`${my.base}/cookieless`);
    const lost = JSON.parse((await failed).postData()!).e as { id: string }[];
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("pista")))).toEqual([]);
    fixtures.setCollectorDown(false);
    await page.evaluate(() => (window as unknown as { pista: (...a: unknown[]) => void }).pista("track", "collector_back"));
    await my.event((e) => e.id === lost[0]!.id);
  });
});

describe("stored URLs", () => {
  it("a GET form's name and e-mail never reach the stored page URL; its form event keeps the traits", async () => {
    await page.goto(`${my.base}/get-form`);
    await page.click("#submit");
    await page.waitForURL(/\/thanks\?/);
    expect(page.url()).toContain("email=ada%40lovelace.example");
    const { batch } = await my.event((e) => e.k === "pageview" && my.path(e.u).startsWith("/thanks"));
    const { events } = await stored(collector, my.base, batch.a!, (events) => events.some((e) => e.type === "pageview" && my.path(e.url!).startsWith("/thanks")));
    const thanks = events.find((e) => e.type === "pageview" && my.path(e.url!).startsWith("/thanks"))!;
    expect(thanks.url).toBe(`${my.base}/thanks?utm_source=guide-form`);
    expect(events.find((e) => e.type === "form")!.traits).toMatchObject({ email: "ada@lovelace.example", name: "Ada Lovelace" });
    expect(JSON.stringify(events.filter((e) => e.type !== "form"))).not.toMatch(/lovelace|Ada/);
  });

  it("a landing page URL holding them is stored as the first touch's landing page without them", async () => {
    await page.goto(`${my.base}/thanks?utm_source=partner&name=Grace+Hopper&email=grace%40hopper.example&phone=%2B1+415+555+0123`);
    const { batch } = await my.event((e) => e.k === "pageview");
    const { profile, events } = await stored(collector, my.base, batch.a!, (events) => events.length > 0);
    expect(events[0]!.url).toBe(`${my.base}/thanks?utm_source=partner`);
    expect(profile.first_touch).toMatchObject({ source: "partner", landing_page: `${my.base}/thanks?utm_source=partner` });
    expect(JSON.stringify(profile)).not.toMatch(/hopper|Grace|555/);
  });
});
