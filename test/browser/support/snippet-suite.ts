// The run's collector and Chromium, and a fixture server of this file's own, started before its tests.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { buildApps } from "./apps";
import { launchBrowser } from "./browser";
import { sharedCollector, type RunningCollector } from "./collector";
import { startFixtureServer, type FixtureServer } from "./fixture-server";

export interface SnippetSuite {
  collector: RunningCollector;
  fixtures: FixtureServer;
  browser: Browser;
}

/**
 * Registers the file's beforeAll/afterAll; `ready` receives the started suite. `apps` builds the React app and the web
 * components the fixture pages load. (The shared collector answers under the first-party prefix /_p as well.)
 */
export function snippetSuite(ready: (suite: SnippetSuite) => void, options: { apps?: boolean } = {}): void {
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
}
