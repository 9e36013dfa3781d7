// Starts the real collector (wrangler dev, local D1 and queues) on a free 127.0.0.1 port with a fresh database.
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
// @ts-expect-error — plain ESM script without types
import { startCollector } from "../../../scripts/local.mjs";

export const ADMIN_TOKEN = "dev-admin-token";

export interface RunningCollector {
  url: string;
  stop(): Promise<void>;
  api<T = unknown>(pathAndQuery: string, init?: RequestInit): Promise<{ status: number; body: T }>;
  /** polls fn until it returns a truthy value (the queue is asynchronous); never sleeps blindly */
  eventually<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs?: number): Promise<T>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export async function runCollector(options: { vars?: Record<string, string> } = {}): Promise<RunningCollector> {
  const persistDir = mkdtempSync(path.join(os.tmpdir(), "pista-test-"));
  const port = await freePort();
  const c = await startCollector({ port, persistDir, vars: options.vars });
  const url: string = c.url;
  return {
    url,
    async stop() {
      c.stop();
      await new Promise((r) => c.child.once("exit", r).once("error", r) && setTimeout(r, 3000));
      rmSync(persistDir, { recursive: true, force: true });
    },
    async api<T>(pathAndQuery: string, init: RequestInit = {}) {
      const res = await fetch(url + pathAndQuery, { ...init, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json", ...(init.headers ?? {}) } });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    },
    async eventually<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      let last: unknown;
      while (Date.now() < deadline) {
        try {
          const v = await fn();
          if (v) return v as T;
        } catch (err) {
          last = err;
        }
        await new Promise((r) => setTimeout(r, 150));
      }
      throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ""}`);
    },
  };
}
