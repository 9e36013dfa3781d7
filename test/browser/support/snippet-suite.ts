// The run's collector and Chromium, and a fixture server of this file's own, started before its tests.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser } from "./browser";
import { sharedCollector, type RunningCollector } from "./collector";
import { startFixtureServer, type FixtureServer } from "./fixture-server";

export interface SnippetSuite {
  collector: RunningCollector;
  fixtures: FixtureServer;
  browser: Browser;
}

/** Registers the file's beforeAll/afterAll; `ready` receives the started suite. */
export function snippetSuite(ready: (suite: SnippetSuite) => void): void {
  let suite: Partial<SnippetSuite> = {};
  beforeAll(async () => {
    const collector = sharedCollector();
    const browser = await launchBrowser();
    suite = { collector, browser, fixtures: await startFixtureServer(collector.url) };
    ready(suite as SnippetSuite);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.fixtures?.stop();
  });
}
