// The snippet in real Chromium: a visitor tracked before who now refuses (Global Privacy Control on a later visit, or
// consent withdrawn on the page) has the refusal recorded on their profile, keeps nothing of ours on the device, and
// is never named again.
import type { Page } from "playwright-core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { WireBatch } from "../../schema/wire";
import type { RunningCollector } from "./support/collector";
import type { FixtureServer, Scope } from "./support/fixture-server";
import { snippetSuite } from "./support/snippet-suite";
import { countSends, sendsOf } from "./support/sends";

type Pista = (...args: unknown[]) => void;

let collector: RunningCollector;
let fixtures: FixtureServer;
let browser: import("playwright-core").Browser;
let page: Page;
let my: Scope;

snippetSuite((s) => ({ collector, fixtures, browser } = s));
beforeEach(async () => {
  my = fixtures.scope();
  const context = await browser.newContext();
  await countSends(context);
  page = await context.newPage();
  // The bundled single-process Chromium shares localStorage between contexts: start from an empty one.
  await page.goto(`${my.base}/blank`);
  await page.evaluate(() => localStorage.clear());
});
afterEach(async () => {
  await page?.close();
});

const sends = () => sendsOf(page);
const call = (...args: unknown[]) => page.evaluate((a) => (window as unknown as { pista: Pista }).pista(...a), args);
const ourKeys = () => page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) => k.startsWith("pista")));
/** Every batch of this test's pages that reached the collector naming `anonymousId`. */
const naming = (anonymousId: string): WireBatch[] => [...new Set(my.events().map(({ batch }) => batch))].filter((b) => b.a === anonymousId);

/**
 * Visits `path` with tracking on (`grant`: the page requires consent, and gets it); returns the anonymous id the
 * device got, once the collector holds its profile.
 */
async function trackedVisit(path: string, options: { grant?: boolean } = {}): Promise<{ anonymousId: string; profileId: string }> {
  await page.goto(`${my.base}${path}?utm_source=newsletter`);
  if (options.grant) await call("consent", "granted");
  const { batch } = await my.event((e, b) => e.k === "pageview" && !!b.a);
  const anonymousId = batch.a!;
  expect(batch).not.toHaveProperty("c");
  expect(await ourKeys()).toContain("pista_a");
  const profile = await collector.eventually(async () => (await collector.api(`/api/v1/profiles?site=demo&anonymous_id=${encodeURIComponent(anonymousId)}`)).body.data[0]);
  expect(profile.marketing_refused).toBeNull();
  return { anonymousId, profileId: profile.id };
}

const refusalOf = (profileId: string) =>
  collector.eventually(async () => (await collector.api(`/api/v1/profiles/${profileId}`)).body.marketing_refused);

describe("a refusal from a device tracked before", () => {
  it("GPC on a later visit: the former profile is marked refused, the stored id is erased, and no later batch names it", async () => {
    const { anonymousId, profileId } = await trackedVisit("/");
    expect((await ourKeys()).sort()).toEqual(["pista_a", "pista_q"]);
    // The same browser, now with Global Privacy Control: the property the snippet reads and the header it sends.
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, "globalPrivacyControl", { get: () => true }));
    await page.setExtraHTTPHeaders({ "Sec-GPC": "1" });
    await page.goto(`${my.base}/next`);

    expect(await refusalOf(profileId)).toMatchObject({ signal: "gpc" });
    expect(await ourKeys()).toEqual([]);
    // This visit's page view arrives without an id; exactly one batch, the refusal, named the former id.
    const { batch } = await my.event((e) => e.k === "pageview" && my.path(e.u) === "/next");
    expect(batch).not.toHaveProperty("a");
    const refusals = naming(anonymousId).filter((b) => b.c === 1);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]!.e.map((e) => e.k)).toEqual(["engage"]);
    // Another page: the device has nothing left to refuse with, and sends no id.
    await page.click("#home");
    const home = await my.event((e) => e.k === "pageview" && e.u === `${my.base}/`, 10_000);
    expect(home.batch).not.toHaveProperty("a");
    expect(naming(anonymousId).filter((b) => b.c === 1)).toHaveLength(1);
  });

  it("consent withdrawn on the page, where consent is required: the refusal goes out, held events never do", async () => {
    const { anonymousId, profileId } = await trackedVisit("/consent", { grant: true });
    const before = await sends();
    await call("track", "before_withdrawal");
    await call("consent", "denied");
    expect(await ourKeys()).toEqual([]);
    // One send: the refusal (consent is required and now refused, so the queued event is held, and dies with the page).
    expect(await sends()).toBe(before + 1);
    expect(await refusalOf(profileId)).toMatchObject({ signal: "consent" });
    const refusals = naming(anonymousId).filter((b) => b.c === 1);
    expect(refusals).toHaveLength(1);
    expect(refusals[0]!.e.map((e) => e.k)).toEqual(["engage"]);

    await call("track", "after_withdrawal");
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent("pagehide")));
    expect(await sends()).toBe(before + 1);
    expect(my.events().map(({ event }) => event.n)).not.toContain("before_withdrawal");
  });
});
