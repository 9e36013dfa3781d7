// The run's one collector (wrangler dev, local D1 and queues; started by global-setup.ts), with helpers to call its
// API and to wait for the queue. Tests share it, so each creates and reads only its own sites and profiles.
import { inject } from "vitest";

export const ADMIN_TOKEN = "dev-admin-token";
/** A desktop Chrome user agent: beacons sent by tests without a browser must not be dropped as bots. */
export const CHROME_UA = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

export interface RunningCollector {
  url: string;
  api<T = any>(pathAndQuery: string, init?: RequestInit & { token?: string | null }): Promise<{ status: number; body: T; headers: Headers }>;
  /** polls fn until it returns a truthy value (the queue is asynchronous); never sleeps blindly */
  eventually<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs?: number): Promise<T>;
  /** a new site of this test's own, allowing localhost and 127.0.0.1 pages */
  site(input?: { domains?: string[]; name?: string }): Promise<{ id: string; write_key: string; read_key: string; identity_secret: string }>;
  /** POST /collect as a page on `origin` would send it (text/plain, a desktop Chrome), without a browser */
  beacon(batch: unknown, origin?: string): Promise<Response>;
}

let sites = 0;

export function sharedCollector(): RunningCollector {
  const url = inject("collectorUrl");
  const api: RunningCollector["api"] = async (pathAndQuery, init = {}) => {
    const { token = ADMIN_TOKEN, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token) headers.set("authorization", `Bearer ${token}`);
    if (rest.body && !headers.has("content-type")) headers.set("content-type", "application/json");
    const res = await fetch(url + pathAndQuery, { ...rest, headers });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: body as never, headers: res.headers };
  };
  return {
    url,
    api,
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
    beacon(batch, origin = "http://localhost") {
      return fetch(`${url}/collect`, { method: "POST", headers: { "content-type": "text/plain", origin, "user-agent": CHROME_UA }, body: JSON.stringify(batch) });
    },
    async site(input = {}) {
      const id = `t${process.pid.toString(36)}${Date.now().toString(36)}${(sites++).toString(36)}`;
      const res = await api("/api/v1/sites", { method: "POST", body: JSON.stringify({ id, name: input.name ?? `Test site ${id}`, domains: input.domains ?? ["localhost", "127.0.0.1"] }) });
      if (res.status !== 201) throw new Error(`site not created: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
  };
}
