// The snippet in real Chromium: outbound links (click and middle click), downloads, mailto: and tel:, ignored links.
// Links go out as "click" (or "download" for a download attribute) and the collector classifies them, so each test
// checks what was sent and what was stored.
import type { BrowserContext, Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningCollector } from "./support/collector";
import type { FixtureServer, Scope } from "./support/fixture-server";
import { snippetSuite } from "./support/snippet-suite";
import { stored, type StoredEvent } from "./support/stored";

let collector: RunningCollector;
let fixtures: FixtureServer;
let context: BrowserContext;
let page: Page;
let my: Scope;

snippetSuite((s) => ({ collector, fixtures } = s), { visitor: { context: { acceptDownloads: true }, partner: true, ready: (v) => ({ context, page, my } = v) } });
beforeEach(async () => {
  await page.goto(`${my.base}/links`);
  await my.event((e) => e.k === "pageview");
});
afterEach(async () => {
  for (const p of context.pages()) await p.close();
});

/** What went out on the wire for this test's links: [kind, href]. */
const sent = () => my.events().filter(({ event }) => event.k !== "pageview" && event.k !== "engage").map(({ event }) => [event.k, event.n]);

/** What the collector stored for them, once it holds `n` link events: [type, href], by href. */
async function storedLinks(n: number): Promise<(string | null)[][]> {
  const a = my.events()[0]!.batch.a!;
  const links = (events: StoredEvent[]) => events.filter((e) => e.type !== "pageview" && e.type !== "engage");
  const { events } = await stored(collector, my.base, a, (events) => links(events).length >= n);
  return links(events).map((e) => [e.type, e.name]).sort((x, y) => String(x[1]).localeCompare(String(y[1])));
}

describe("link clicks", () => {
  it("report an outbound link with its href, and the navigation still happens", async () => {
    await page.click("#outbound");
    await page.waitForURL("https://partner.example/offer?ref=pista");
    const { event } = await my.event((e) => e.k === "click");
    expect(event.n).toBe("https://partner.example/offer?ref=pista");
    expect(my.path(event.u)).toBe("/links");
    expect(await storedLinks(1)).toEqual([["outbound", "https://partner.example/offer?ref=pista"]]);
  });

  it("report a middle click on an outbound link (auxclick)", async () => {
    const opened = context.waitForEvent("page");
    await page.click("#outbound", { button: "middle" });
    await opened;
    await my.event((e) => e.k === "click");
    expect(sent()).toEqual([["click", "https://partner.example/offer?ref=pista"]]);
    expect(await storedLinks(1)).toEqual([["outbound", "https://partner.example/offer?ref=pista"]]);
  });

  it("report downloads by file extension (any case, click on a child element) and by the download attribute", async () => {
    await page.click("#pdf-label");
    await page.click("#xlsx");
    await page.click("#export");
    await my.event((e) => e.k === "download" && e.n!.endsWith("format=raw"));
    // A file-like path goes out as a click for the collector to classify; a download attribute says it itself.
    expect(sent()).toEqual([
      ["click", `${my.base}/files/buyers-guide.pdf`],
      ["click", `${my.base}/files/prices.XLSX`],
      ["download", `${my.base}/export?format=raw`],
    ]);
    expect(await storedLinks(3)).toEqual([
      ["download", `${my.base}/export?format=raw`],
      ["download", `${my.base}/files/buyers-guide.pdf`],
      ["download", `${my.base}/files/prices.XLSX`],
    ]);
  });

  it("report mailto: and tel: links", async () => {
    await page.click("#mail");
    await page.click("#call");
    await my.event((e) => e.n === "tel:+14155550123");
    expect(await storedLinks(2)).toEqual([
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
    await my.event((e) => e.n === "tel:+14155550123");
    await page.click("#internal");
    await my.event((e) => e.k === "pageview" && my.path(e.u) === "/next");
    // A javascript: link has no host of the page's: it goes out, and the collector drops it.
    expect(sent()).toEqual([["click", "javascript:void 0"], ["click", "tel:+14155550123"]]);
    expect(await storedLinks(1)).toEqual([["tel", "tel:+14155550123"]]);
  });
});
