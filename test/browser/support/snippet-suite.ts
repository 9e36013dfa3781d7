// One real collector, one fixture server and one Chromium per snippet test file, started before and stopped after.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { buildApps } from "./apps";
import { launchBrowser } from "./browser";
import { runCollector, type RunningCollector } from "./collector";
import { startFixtureServer, type FixtureServer } from "./fixture-server";

export interface SnippetSuite {
  collector: RunningCollector;
  fixtures: FixtureServer;
  browser: Browser;
}

/**
 * Registers the file's beforeAll/afterAll; `ready` receives the started suite. `vars` go to the collector
 * (ROUTE_PREFIX, say); `apps` builds the React app and the web components the fixture pages load.
 */
export function snippetSuite(ready: (suite: SnippetSuite) => void, options: { vars?: Record<string, string>; apps?: boolean } = {}): void {
  let suite: Partial<SnippetSuite> = {};
  beforeAll(async () => {
    const [collector, browser, assets] = await Promise.all([runCollector({ vars: options.vars }), launchBrowser(), options.apps ? buildApps() : undefined]);
    suite = { collector, browser, fixtures: await startFixtureServer(collector.url, { assets }) };
    ready(suite as SnippetSuite);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.fixtures?.stop();
    await suite.collector?.stop();
  });
}
