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
          // META_GRAPH_URL: Meta's Conversions API is a local receiver (tests stub fetch and check it is called there).
          bindings: { TEST_MIGRATIONS: migrations, ADMIN_TOKEN: "test-admin-token", ENVIRONMENT: "development", META_GRAPH_URL: "http://127.0.0.1:18790" },
          // The raw-event archive in local R2 (wrangler.toml declares it too; named here so the tests say what they use).
          r2Buckets: ["ARCHIVE"],
          // A small collect limit so a test can reach it; each test site has its own bucket.
          // Tests wait for the queue: deliver each message as soon as it is sent (production waits up to a second to
          // fill a batch; batching itself is tested by delivering batches straight to the consumer).
          queueConsumers: {
            "pista-events": { maxBatchSize: 100, maxBatchTimeout: 0, maxRetries: 10, deadLetterQueue: "pista-events-dlq" },
            "pista-webhooks": { maxBatchSize: 10, maxBatchTimeout: 0, maxRetries: 100, deadLetterQueue: "pista-webhooks-dlq" },
            "pista-events-dlq": { maxBatchSize: 10, maxBatchTimeout: 0 },
            "pista-webhooks-dlq": { maxBatchSize: 10, maxBatchTimeout: 0 },
            // the second shard's queues (wrangler.toml)
            "pista-events-2": { maxBatchSize: 100, maxBatchTimeout: 0, maxRetries: 10, deadLetterQueue: "pista-events-2-dlq" },
            "pista-webhooks-2": { maxBatchSize: 10, maxBatchTimeout: 0, maxRetries: 100, deadLetterQueue: "pista-webhooks-2-dlq" },
            "pista-events-2-dlq": { maxBatchSize: 10, maxBatchTimeout: 0 },
            "pista-webhooks-2-dlq": { maxBatchSize: 10, maxBatchTimeout: 0 },
          },
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
      isolate: false,
      setupFiles: [path.join(root, "test/workers/apply-migrations.ts")],
    },
  };
});
