// First-party serving (CONTRACT §14): /p.js and /collect answer under ROUTE_PREFIX, nothing else does.
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../worker/index";
import { createSite, env, uid, wirePageview } from "./support";

describe("ROUTE_PREFIX", () => {
  async function fetchWith(path: string, init: RequestInit, vars: Record<string, string>) {
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request(`https://www.example.com${path}`, init), { ...env, ...vars } as typeof env, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  }

  it("answers /p.js and /collect under the prefix, and nothing else there", async () => {
    const site = await createSite();
    const script = await fetchWith("/_p/p.js", {}, { ROUTE_PREFIX: "/_p" });
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/javascript/);
    const body = JSON.stringify({ s: site.id, a: uid("anon"), e: [wirePageview()] });
    const beacon = await fetchWith("/_p/collect", { method: "POST", body, headers: { "content-type": "text/plain", origin: "https://example.com" } }, { ROUTE_PREFIX: "/_p" });
    expect(beacon.status).toBe(202);
    expect((await fetchWith("/_p/api/v1/sites", {}, { ROUTE_PREFIX: "/_p" })).status).toBe(404);
    expect((await fetchWith("/_p/p.js", {}, {})).status).toBe(404);
  });
});
