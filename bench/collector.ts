// Starts a throwaway local collector for one benchmark part (wrangler dev, fresh local D1, rate limits off unless asked).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
// @ts-expect-error — plain ESM script without types
import { executeSql, querySql, root, startCollector } from "../scripts/local.mjs";
import { freePort } from "../test/browser/support/ports";

export const ADMIN = "dev-admin-token";
export const UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

export interface BenchCollector {
  url: string;
  persistDir: string;
  sql(sql: string): Promise<void>;
  query<T>(sql: string): Promise<T[]>;
  /** bytes of the local database's SQLite files */
  bytes(): number;
  api<T>(p: string): Promise<T>;
  stop(): Promise<void>;
}

/** `maxBatchSize` writes a config variant with another EVENTS consumer batch size; `rateLimits` keeps the real limits. */
export async function benchCollector(options: { maxBatchSize?: number; rateLimits?: boolean } = {}): Promise<BenchCollector> {
  const persistDir = mkdtempSync(path.join(os.tmpdir(), "pista-bench-"));
  let config: string | undefined;
  if (options.maxBatchSize) {
    config = path.join(root, `.bench-wrangler-${options.maxBatchSize}.toml`);
    const base = readFileSync(path.join(root, "wrangler.toml"), "utf8");
    writeFileSync(config, base.replace(/(queue = "pista-events(?:-2)?"\nmax_batch_size = )\d+/g, `$1${options.maxBatchSize}`));
  }
  const c = await startCollector({ port: await freePort(), persistDir, vars: options.rateLimits ? {} : { RATE_LIMITS: "off" }, config, build: false });
  return {
    url: c.url,
    persistDir,
    sql: (sql) => executeSql(persistDir, sql, config),
    query: (sql) => querySql(persistDir, sql, config),
    bytes: () => sqliteBytes(persistDir),
    async api<T>(p: string) {
      const res = await fetch(c.url + p, { headers: { authorization: `Bearer ${ADMIN}` } });
      if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    async stop() {
      c.stop();
      await new Promise((r) => (c.child.exitCode !== null ? r(null) : c.child.once("exit", r)));
      rmSync(persistDir, { recursive: true, force: true });
      if (config) rmSync(config, { force: true });
    },
  };
}

function sqliteBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && /\.sqlite(-wal)?$/.test(entry.name)) total += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return total;
}

export async function storedEvents(c: BenchCollector, site = "demo"): Promise<number> {
  return (await c.api<{ events_stored: number }>(`/api/v1/stats?site=${site}`)).events_stored;
}
