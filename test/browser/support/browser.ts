// The run's one Chromium (started by global-setup.ts); each test file connects to it, and close() only disconnects.
import { chromium as playwright, type Browser } from "playwright-core";
import { inject } from "vitest";

export async function launchBrowser(): Promise<Browser> {
  return playwright.connect(inject("browserWsEndpoint"));
}
