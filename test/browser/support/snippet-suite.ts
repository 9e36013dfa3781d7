// The run's collector and Chromium, and a fixture server of this file's own, started before its tests; optionally a new
// visitor (browser context, page, fixture scope) for each test.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { buildApps } from "./apps";
import { launchBrowser } from "./browser";
import { sharedCollector, type RunningCollector } from "./collector";
import { startFixtureServer, type FixtureServer, type Scope } from "./fixture-server";

export interface SnippetSuite {
  collector: RunningCollector;
  fixtures: FixtureServer;
  browser: Browser;
}

/** One test's visitor: a fresh context (left open: closing one ends the bundled single-process Chromium), its page, and
 *  a scope of the fixture server that sees only this test's events. */
export interface Visitor {
  context: BrowserContext;
  page: Page;
  my: Scope;
}

export interface VisitorOptions {
  context?: BrowserContextOptions;
  /** https://partner.example/** answers a small page, for outbound links */
  partner?: boolean;
  /** start on a blank page of the fixture server with empty localStorage: the bundled Chromium shares localStorage
   *  between contexts, and a new visitor must not find the previous test's id */
  blank?: boolean;
  ready: (visitor: Visitor) => void;
}

/**
 * Registers the file's beforeAll/afterAll; `ready` receives the started suite. `apps` builds the React app and the web
 * components the fixture pages load. `visitor` registers a beforeEach that gives each test a new visitor. (The shared
 * collector answers under the first-party prefix /_p as well.)
 */
export function snippetSuite(ready: (suite: SnippetSuite) => void, options: { apps?: boolean; visitor?: VisitorOptions } = {}): void {
  let suite: Partial<SnippetSuite> = {};
  beforeAll(async () => {
    const collector = sharedCollector();
    const [browser, assets] = await Promise.all([launchBrowser(), options.apps ? buildApps() : undefined]);
    suite = { collector, browser, fixtures: await startFixtureServer(collector.url, { assets }) };
    ready(suite as SnippetSuite);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.fixtures?.stop();
  });
  const visitor = options.visitor;
  if (visitor) beforeEach(async () => visitor.ready(await newVisitor(suite as SnippetSuite, visitor)));
}

async function newVisitor(suite: SnippetSuite, options: VisitorOptions): Promise<Visitor> {
  const context = await suite.browser.newContext(options.context);
  if (options.partner) await context.route("https://partner.example/**", (route) => route.fulfill({ contentType: "text/html", body: "<h1>Partner</h1>" }));
  const page = await context.newPage();
  const my = suite.fixtures.scope();
  if (options.blank) {
    await page.goto(`${my.base}/blank`);
    await page.evaluate(() => localStorage.clear());
  }
  return { context, page, my };
}
