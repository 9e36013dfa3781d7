// One collector (wrangler dev with local D1 and queues, a fresh database) and one Chromium for every browser test
// file: started once here, reached by each file through inject(). Each test owns its sites and its pages.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
// @ts-expect-error — plain ESM script without types
import { root, startCollector } from "../../scripts/local.mjs";
import { launchBrowserServer } from "./support/chromium";
import { freePort } from "./support/ports";

/** Webhook retries 1 s, 2 s, 3 s apart, so a retry is seen within a test (the production schedule is unit-tested). */
export const TEST_RETRY_SCHEDULE_MS = [1000, 2000, 3000];

declare module "vitest" {
  export interface ProvidedContext {
    collectorUrl: string;
    browserWsEndpoint: string;
    /** the 127.0.0.1 port the collector's META_GRAPH_URL points at; test/browser/destinations.test.ts listens on it */
    metaGraphPort: number;
  }
}

/**
 * wrangler.toml with every queue consumer delivering at once: tests wait for the queue, and production's second of
 * batching would only add a second to each wait. (It must sit beside wrangler.toml: paths in it are relative.)
 */
function testConfig(): string {
  const file = path.join(root as string, ".test-wrangler.toml");
  writeFileSync(file, readFileSync(path.join(root as string, "wrangler.toml"), "utf8").replace(/^max_batch_timeout = \d+$/gm, "max_batch_timeout = 0"));
  return file;
}

export default async function setup(project: TestProject) {
  const persistDir = mkdtempSync(path.join(os.tmpdir(), "pista-browser-"));
  const config = testConfig();
  // Meta's Conversions API is a node:http receiver on this port, never graph.facebook.com.
  const metaGraphPort = await freePort();
  const vars = { WEBHOOK_RETRY_SCHEDULE_MS: TEST_RETRY_SCHEDULE_MS.join(","), ROUTE_PREFIX: "/_p", META_GRAPH_URL: `http://127.0.0.1:${metaGraphPort}` };
  const [collector, browser] = await Promise.all([
    // ROUTE_PREFIX: the snippet is also served first-party under /_p (CONTRACT §14); root paths answer as always.
    startCollector({ port: await freePort(), persistDir, config, vars }),
    launchBrowserServer(),
  ]);
  project.provide("collectorUrl", collector.url);
  project.provide("metaGraphPort", metaGraphPort);
  project.provide("browserWsEndpoint", browser.wsEndpoint());
  return async () => {
    await browser.close();
    collector.stop();
    await new Promise((r) => collector.child.once("exit", r) && setTimeout(r, 3000));
    rmSync(persistDir, { recursive: true, force: true });
    rmSync(config, { force: true });
  };
}
