// The snippet in real Chromium: it survives a broken page, counts once when pasted twice, replays early calls, and
// falls back to fetch (resending what failed) when sendBeacon is missing.
import type { BrowserContext, Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningCollector } from "./support/collector";
import type { FixtureServer, Scope } from "./support/fixture-server";
import { snippetSuite } from "./support/snippet-suite";

type Pista = ((...args: unknown[]) => void) & { v?: number };

let collector: RunningCollector;
let fixtures: FixtureServer;
let context: BrowserContext;
let page: Page;
let my: Scope;

snippetSuite((s) => ({ collector, fixtures } = s), { visitor: { ready: (v) => ({ context, page, my } = v) } });
afterEach(async () => {
  await page.close();
});

const kinds = () => my.events().map(({ event }) => event.k);

describe("safety", () => {
  it("tracks a page whose own scripts throw, and adds no error of its own", async () => {
    const errors: string[] = [];
    page.on("pageerror", (err) => errors.push(err.message));
    await page.goto(`${my.base}/throws`);
    await my.event((e) => e.k === "pageview");
    expect(errors).toHaveLength(2);
    expect(errors.join("\n")).toMatch(/the page's own bug[\s\S]*notDefinedAnywhere/);
  });

  it("counts once when the tag is pasted twice", async () => {
    // Counts every batch handed to the transport (sendBeacon or fetch), so a second copy's batch could not go unseen.
    await context.addInitScript(() => {
      const w = window as unknown as { __batches: string[] };
      w.__batches = [];
      const beacon = navigator.sendBeacon.bind(navigator);
      navigator.sendBeacon = (url, data) => (w.__batches.push(String(data)), beacon(url, data));
      const fetch = window.fetch.bind(window);
      window.fetch = (input, init) => (String(input).endsWith("/collect") && w.__batches.push(String(init?.body)), fetch(input, init));
    });
    await page.goto(`${my.base}/twice`);
    await page.evaluate(() => (window as unknown as { pista: Pista }).pista("track", "clicked_once"));
    // pagehide makes every copy that listens send what it holds, right now.
    const batches = await page.evaluate(() => {
      window.dispatchEvent(new PageTransitionEvent("pagehide"));
      return (window as unknown as { __batches: string[] }).__batches;
    });
    const events = batches.flatMap((b) => JSON.parse(b).e as { k: string }[]).map((e) => e.k);
    expect(events.filter((k) => k === "pageview")).toHaveLength(1);
    expect(events.filter((k) => k === "track")).toHaveLength(1);
    await my.event((e) => e.k === "track");
    expect(kinds().filter((k) => k === "pageview")).toHaveLength(1);
  });

  it("changes nothing in the page's DOM while it captures", async () => {
    await page.goto(`${my.base}/links`);
    await my.event((e) => e.k === "pageview");
    await page.evaluate(() => {
      const w = window as unknown as { __mutations: number };
      w.__mutations = 0;
      new MutationObserver((records) => (w.__mutations += records.length)).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page.click("#pdf-label");
    await page.click("#mail");
    await page.evaluate(() => window.scrollTo(0, 500));
    await page.evaluate(() => (window as unknown as { pista: Pista }).pista("track", "checked"));
    await my.event((e) => e.k === "track");
    expect(await page.evaluate(() => (window as unknown as { __mutations: number }).__mutations)).toBe(0);
  });

  it("never cancels a navigation or a submission", async () => {
    await page.goto(`${my.base}/links`);
    await my.event((e) => e.k === "pageview");
    await page.click("#internal");
    await page.waitForURL(`${my.base}/next`);
    await page.goto(`${my.base}/form`);
    await page.click("#submit");
    await page.waitForURL(`${my.base}/thanks`);
  });
});

describe("the pista() function", () => {
  it("replays calls made before the script loaded: track, and identify with a user id", async () => {
    await page.goto(`${my.base}/early`);
    const track = await my.event((e) => e.k === "track");
    expect(track.event).toMatchObject({ n: "early_signup", p: { plan: "pro" } });
    const identify = await my.event((e) => e.k === "identify");
    expect(identify.event.tr).toEqual({ email: "early@example.com", user_id: "user-42" });
    expect(await page.evaluate(() => typeof (window as unknown as { pista: Pista }).pista.v)).toBe("number");
  });

  it("identifies with traits alone", async () => {
    await page.goto(`${my.base}/`);
    await page.evaluate(() => (window as unknown as { pista: Pista }).pista("identify", { email: "lin@example.com", company: "Acme" }));
    const { event } = await my.event((e) => e.k === "identify");
    expect(event.tr).toEqual({ email: "lin@example.com", company: "Acme" });
  });
});

describe("transport", () => {
  it("sends with fetch while the page lives, and at once with sendBeacon when it is hidden (no waiting for the timer)", async () => {
    await context.addInitScript(() => {
      const w = window as unknown as { __batches: string[] };
      w.__batches = [];
      const beacon = navigator.sendBeacon.bind(navigator);
      navigator.sendBeacon = (url, data) => (w.__batches.push(String(data)), beacon(url, data));
    });
    const viaFetch = page.waitForRequest((r) => r.url().endsWith("/collect") && r.resourceType() === "fetch");
    await page.goto(`${my.base}/`);
    await my.event((e) => e.k === "pageview");
    expect(JSON.parse((await viaFetch).postData()!).e.map((e: { k: string }) => e.k)).toEqual(["pageview"]);
    const sentWhenHidden = await page.evaluate(() => {
      (window as unknown as { pista: Pista }).pista("track", "just_before_hiding");
      Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
      document.dispatchEvent(new Event("visibilitychange"));
      return (window as unknown as { __batches: string[] }).__batches.map((b) => JSON.parse(b).e.map((e: { k: string }) => e.k));
    });
    expect(sentWhenHidden).toEqual([["track", "engage"]]);
  });
});

describe("transport without sendBeacon", () => {
  beforeEach(async () => {
    await context.addInitScript(() => Object.defineProperty(Navigator.prototype, "sendBeacon", { value: undefined }));
  });

  it("posts with fetch (keepalive, text/plain), and the collector answers 202", async () => {
    const response = page.waitForResponse((r) => r.url() === `${fixtures.relayUrl}/collect`);
    await page.goto(`${my.base}/`);
    const answer = await response;
    expect(answer.status()).toBe(202);
    expect(answer.request().headers()["content-type"]).toMatch(/^text\/plain/);
    const { batch } = await my.event((e) => e.k === "pageview");
    expect(fixtures.received.find((r) => r.batch === batch)!.status).toBe(202);
  });

  it("sends what is queued when the page is left, with fetch (keepalive), rather than losing it", async () => {
    await page.goto(`${my.base}/`);
    await my.event((e) => e.k === "pageview");
    // Queued, and the one-second timer has not fired yet when the visitor leaves.
    await page.evaluate(() => (window as unknown as { pista: Pista }).pista("track", "left_at_once"));
    await page.click("#next");
    const { event } = await my.event((e) => e.k === "track");
    expect(event.n).toBe("left_at_once");
  });

  it("resends events whose request failed, with their ids, in the next batch", async () => {
    let failed = 0;
    await context.route(`${fixtures.relayUrl}/collect`, (route) => (failed++ === 0 ? route.abort("internetdisconnected") : route.continue()));
    await page.goto(`${my.base}/`);
    const lost = await page.waitForEvent("requestfailed", (r) => r.url().endsWith("/collect"));
    const [pageview] = JSON.parse(lost.postData()!).e;
    await page.evaluate(() => (window as unknown as { pista: Pista }).pista("track", "after_the_outage"));
    const { batch } = await my.event((e) => e.k === "track");
    expect(batch.e.map((e) => [e.k, e.id])).toEqual([["pageview", pageview.id], ["track", expect.any(String)]]);
    expect(kinds().filter((k) => k === "pageview")).toHaveLength(1);
  });
});
