// Three kinds of test, one runner: pure units in Node, integration in the Workers runtime, real Chromium e2e.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Files run side by side, unit, workers and browser alike: browser files share one collector and one Chromium and
    // own their sites and pages, and most of a browser or workers test's time is spent waiting for pages and queues.
    maxWorkers: 3,
    projects: [
      // property tests run hundreds of cases; on a busy two-core machine one can take several seconds
      { test: { name: "unit", include: ["test/unit/**/*.test.ts"], environment: "node", testTimeout: 30_000 } },
      "test/workers/vitest.config.ts",
      {
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          environment: "node",
          globalSetup: ["test/browser/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
