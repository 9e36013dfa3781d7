// The snippet in real Chromium: page views on load, SPA navigation, back/forward and hash changes, and engagement.
import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningCollector } from "./support/collector";
import type { FixtureServer, Scope } from "./support/fixture-server";
import { snippetSuite } from "./support/snippet-suite";

let collector: RunningCollector;
let fixtures: FixtureServer;
let page: Page;
let my: Scope;

snippetSuite((s) => ({ collector, fixtures } = s), { visitor: { ready: (v) => ({ page, my } = v) } });
afterEach(async () => {
  await page.close();
});

const viewAt = (path: string) => (e: { k: string; u: string }) => e.k === "pageview" && my.path(e.u) === path;
const views = () => my.events().filter(({ event }) => event.k === "pageview").map(({ event }) => my.path(event.u));

describe("page views", () => {
  it("go to the script's own origin as text/plain (fetch while the page lives), and the collector answers 202", async () => {
    const request = page.waitForRequest((r) => r.url() === `${collector.url}/collect`);
    const response = page.waitForResponse((r) => r.url() === `${collector.url}/collect`);
    await page.goto(`${my.base}/direct`);
    expect((await response).status()).toBe(202);
    const sent = await request;
    expect(sent.headers()["content-type"]).toMatch(/^text\/plain/);
    const batch = JSON.parse(sent.postData()!);
    expect(batch).toMatchObject({ s: "demo", e: [{ k: "pageview", u: `${my.base}/direct`, ti: "Direct" }] });
    expect(batch.a).toMatch(/^[\w.:@-]{8,64}$/);
    expect(batch.st).toBeGreaterThanOrEqual(batch.e[0].t);
  });

  it("go to data-endpoint when the tag names one", async () => {
    await page.goto(`${my.base}/endpoint`);
    const { batch } = await my.event(viewAt("/endpoint"));
    const received = fixtures.received.find((r) => r.batch === batch)!;
    expect(batch.s).toBe("demo");
    expect(received.contentType).toMatch(/^text\/plain/);
    expect(received.status).toBe(202);
  });

  it("count pushState and replaceState navigations, but not a replaceState that keeps the URL", async () => {
    await page.goto(`${my.base}/spa`);
    await my.event(viewAt("/spa"));
    await page.click("#push");
    await my.event(viewAt("/pricing"));
    await page.click("#same");
    await page.click("#replace");
    await my.event(viewAt("/compare"));
    expect(views()).toEqual(["/spa", "/pricing", "/compare"]);
  });

  it("count back and forward navigation", async () => {
    await page.goto(`${my.base}/spa`);
    await page.click("#push");
    await my.event(viewAt("/pricing"));
    await page.goBack();
    await my.event(() => views().length === 3);
    await page.goForward();
    await my.event(() => views().length === 4);
    expect(views()).toEqual(["/spa", "/pricing", "/spa", "/pricing"]);
  });

  it("count a hash change", async () => {
    await page.goto(`${my.base}/spa`);
    await page.click("#hash");
    await my.event(viewAt("/spa#faq"));
    expect(views()).toEqual(["/spa", "/spa#faq"]);
  });

  it("count pista('page') even on the same URL", async () => {
    await page.goto(`${my.base}/spa`);
    await my.event(viewAt("/spa"));
    await page.evaluate(() => (window as unknown as { pista: (...a: unknown[]) => void }).pista("page"));
    await my.event(() => views().length === 2);
    expect(views()).toEqual(["/spa", "/spa"]);
  });

  it("share the visitor's anonymous id across pages, each with its own event id", async () => {
    await page.goto(`${my.base}/`);
    await page.click("#next");
    await my.event(viewAt("/next"));
    const all = my.events().filter(({ event }) => event.k === "pageview");
    expect(all.map(({ batch }) => batch.a)).toEqual([all[0]!.batch.a, all[0]!.batch.a]);
    expect(new Set(all.map(({ event }) => event.id)).size).toBe(2);
  });

  it("carry the referrer of the landing page", async () => {
    await page.goto(`${my.base}/`, { referer: "https://news.example/article" });
    const { event } = await my.event(viewAt("/"));
    expect(event.r).toBe("https://news.example/article");
  });
});

describe("engagement", () => {
  it("is reported for a route, with engaged time and scroll depth, when the SPA navigates away", async () => {
    await page.goto(`${my.base}/spa`);
    await my.event(viewAt("/spa"));
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.click("#push");
    const { event } = await my.event((e) => e.k === "engage");
    expect(my.path(event.u)).toBe("/spa");
    expect(event.p).toMatchObject({ scroll: 100 });
    expect(event.p!.engaged_ms).toBeGreaterThan(0);
  });

  it("is reported once when the page is left, for the page left", async () => {
    await page.goto(`${my.base}/`);
    await my.event(viewAt("/"));
    await page.click("#next");
    await my.event(viewAt("/next"));
    const engaged = my.events().filter(({ event }) => event.k === "engage");
    expect(engaged.map(({ event }) => my.path(event.u))).toEqual(["/"]);
    expect(engaged[0]!.event.p!.scroll).toBeLessThan(100);
    expect(engaged[0]!.event.p!.engaged_ms).toBeGreaterThan(0);
  });
});
