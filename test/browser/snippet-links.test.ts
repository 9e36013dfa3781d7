// The snippet in real Chromium: outbound links (click and middle click), downloads, mailto: and tel:, ignored links.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningCollector } from "./support/collector";
import type { FixtureServer, Scope } from "./support/fixture-server";
import { snippetSuite } from "./support/snippet-suite";

let collector: RunningCollector;
let fixtures: FixtureServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let my: Scope;

snippetSuite((s) => ({ collector, fixtures, browser } = s));
beforeEach(async () => {
  // Fresh context per test; contexts stay open (closing one ends the bundled single-process Chromium).
  context = await browser.newContext({ acceptDownloads: true });
  await context.route("https://partner.example/**", (route) => route.fulfill({ contentType: "text/html", body: "<h1>Partner</h1>" }));
  page = await context.newPage();
  my = fixtures.scope();
  await page.goto(`${my.base}/links`);
  await my.event((e) => e.k === "pageview");
});
afterEach(async () => {
  for (const p of context.pages()) await p.close();
});

const kinds = () => my.events().filter(({ event }) => event.k !== "pageview" && event.k !== "engage").map(({ event }) => [event.k, event.n]);

describe("link clicks", () => {
  it("report an outbound link with its href, and the navigation still happens", async () => {
    await page.click("#outbound");
    await page.waitForURL("https://partner.example/offer?ref=pista");
    const { event } = await my.event((e) => e.k === "outbound");
    expect(event.n).toBe("https://partner.example/offer?ref=pista");
    expect(my.path(event.u)).toBe("/links");
  });

  it("report a middle click on an outbound link (auxclick)", async () => {
    const opened = context.waitForEvent("page");
    await page.click("#outbound", { button: "middle" });
    await opened;
    await my.event((e) => e.k === "outbound");
    expect(kinds()).toEqual([["outbound", "https://partner.example/offer?ref=pista"]]);
  });

  it("report downloads by file extension (any case, click on a child element) and by the download attribute", async () => {
    await page.click("#pdf-label");
    await page.click("#xlsx");
    await page.click("#export");
    await my.event((e) => e.k === "download" && e.n!.endsWith("format=raw"));
    expect(kinds()).toEqual([
      ["download", `${my.base}/files/buyers-guide.pdf`],
      ["download", `${my.base}/files/prices.XLSX`],
      ["download", `${my.base}/export?format=raw`],
    ]);
  });

  it("report mailto: and tel: links", async () => {
    await page.click("#mail");
    await page.click("#call");
    await my.event((e) => e.k === "tel");
    expect(kinds()).toEqual([
      ["mailto", "mailto:sales@example.com?subject=Demo"],
      ["tel", "tel:+14155550123"],
    ]);
  });

  it("ignore data-pista-ignore links, internal links, javascript: links and right clicks", async () => {
    await page.click("#ignored-inside");
    await page.click("#js");
    await page.click("#mail", { button: "right" });
    await page.click("#ignored", { button: "middle" });
    // A tracked click last: had any of the above been reported, it would have been queued before this one.
    await page.click("#call");
    await my.event((e) => e.k === "tel");
    await page.click("#internal");
    await my.event((e) => e.k === "pageview" && my.path(e.u) === "/next");
    expect(kinds()).toEqual([["tel", "tel:+14155550123"]]);
  });
});
