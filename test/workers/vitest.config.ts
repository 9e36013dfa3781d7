// Integration tests run inside workerd with the real D1 and Queues emulation from wrangler.toml.
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "../..");

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(root, "schema/migrations"));
  return {
    plugins: [
      cloudflareTest({
        main: path.join(root, "worker/index.ts"),
        wrangler: { configPath: path.join(root, "wrangler.toml") },
        miniflare: {
          bindings: { TEST_MIGRATIONS: migrations, ADMIN_TOKEN: "test-admin-token", ENVIRONMENT: "development" },
          // A small collect limit so a test can reach it; each test site has its own bucket.
          ratelimits: {
            COLLECT_LIMITER: { namespace_id: "1001", simple: { limit: 40, period: 60 } },
            API_LIMITER: { namespace_id: "1002", simple: { limit: 100_000, period: 60 } },
            SERVER_LIMITER: { namespace_id: "1003", simple: { limit: 30_000, period: 60 } },
            // Small enough for a test to reach with its own client address (cf-connecting-ip).
            LOOKUP_LIMITER: { namespace_id: "1004", simple: { limit: 100, period: 60 } },
          },
        },
      }),
    ],
    test: {
      name: "workers",
      root,
      include: ["test/workers/**/*.test.ts"],
      testTimeout: 20_000,
      setupFiles: [path.join(root, "test/workers/apply-migrations.ts")],
    },
  };
});
