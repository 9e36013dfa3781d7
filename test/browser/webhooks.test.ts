// End to end over real HTTP: the collector (wrangler dev, local D1 and queues) posts signed webhooks to a real
// node:http receiver on 127.0.0.1, which verifies them with the standardwebhooks package. The retry schedule is
// shortened to 1 s, 2 s, 3 s through WEBHOOK_RETRY_SCHEDULE_MS (global-setup.ts); the production one is unit-tested.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_RETRY_SCHEDULE_MS as SCHEDULE_MS } from "./global-setup";
import { sharedCollector, type RunningCollector } from "./support/collector";

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  at: number;
  status: number;
}

/** The CRM side: answers each path with the status its handler picks, and records every request. */
const received: Received[] = [];
const handlers = new Map<string, (n: number) => number>();
let receiverUrl = "";
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const path = req.url ?? "/";
    const n = received.filter((r) => r.path === path).length + 1;
    const status = handlers.get(path)?.(n) ?? 404;
    received.push({ path, headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString("utf8"), at: Date.now(), status });
    res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "not now");
  });
});

let collector: RunningCollector;

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  collector = sharedCollector();
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

const api = <T = any>(pathAndQuery: string, init: RequestInit = {}) => collector.api<T>(pathAndQuery, init);
const eventually = <T>(fn: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 20_000) =>
  collector.eventually<T>(async () => fn(), timeoutMs);

const uid = (p: string) => `${p}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;

/** A fresh site with an endpoint on the receiver whose path answers with `status(n)` for the n-th request. */
async function endpoint(name: string, status: (n: number) => number, site?: string) {
  const siteId = site ?? (await api("/api/v1/sites", { method: "POST", body: JSON.stringify({ id: uid("wh"), name: "Webhook e2e", domains: ["localhost", "127.0.0.1"] }) })).body.id;
  const path = `/${name}-${uid("")}`;
  handlers.set(path, status);
  const hook = await api("/api/v1/webhooks", { method: "POST", body: JSON.stringify({ site: siteId, url: receiverUrl + path, events: ["profile.identified"] }) });
  expect(hook.status).toBe(201);
  return { site: siteId as string, path, hook: hook.body as { id: string; secret: string } };
}

/** A visitor leaves an e-mail through the snippet's endpoint: the profile becomes identified. */
async function identify(site: string) {
  const email = `${uid("lead")}@northwind-test.com`;
  const res = await collector.beacon({ s: site, a: uid("anon"), e: [{ k: "identify", id: uid("e"), t: Date.now(), u: "http://localhost/signup", tr: { email, name: "Ana López" } }] });
  expect(res.status).toBe(202);
  return email;
}

const requestsTo = (path: string) => received.filter((r) => r.path === path);
const deliveries = async (hookId: string) => (await api<{ data: any[] }>(`/api/v1/webhooks/${hookId}/deliveries`)).body.data;

describe("webhooks over real HTTP", () => {
  it("delivers a signed profile.identified that the receiver verifies", async () => {
    const { site, path, hook } = await endpoint("ok", () => 200);
    const email = await identify(site);
    const [req] = await eventually(() => requestsTo(path).length >= 1 && requestsTo(path));
    const payload = new Webhook(hook.secret).verify(req!.body, req!.headers) as any;
    expect(payload).toMatchObject({ type: "profile.identified", data: { profile: { site, email, stage: "lead", traits: { name: "Ana López" } } } });
    expect(req!.headers["webhook-id"]).toMatch(/^msg_/);
    const [log] = await eventually(async () => (await deliveries(hook.id)).filter((d) => d.status === "delivered").length === 1 && deliveries(hook.id));
    expect(log).toMatchObject({ status: "delivered", attempts: 1, response_code: 200, last_error: null, webhook_id: req!.headers["webhook-id"] });
    expect(log.latency_ms).toBeGreaterThanOrEqual(0);
  });

  it("retries a failing receiver with growing delays and delivers once it recovers", async () => {
    const { site, path, hook } = await endpoint("flaky", (n) => (n <= 2 ? 503 : 200));
    await identify(site);
    const reqs = await eventually(() => requestsTo(path).length >= 3 && requestsTo(path));
    const [log] = await eventually(async () => (await deliveries(hook.id))[0]?.status === "delivered" && deliveries(hook.id));
    expect(log).toMatchObject({ status: "delivered", attempts: 3, response_code: 200 });
    expect(reqs.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(new Set(reqs.map((r) => r.headers["webhook-id"])).size).toBe(1);
    for (const r of reqs) expect(() => new Webhook(hook.secret).verify(r.body, r.headers)).not.toThrow();
    const gaps = [reqs[1]!.at - reqs[0]!.at, reqs[2]!.at - reqs[1]!.at];
    console.log(`flaky receiver: retry gaps ${gaps.join(" ms, ")} ms (schedule ${SCHEDULE_MS.slice(0, 2).join(", ")} ms)`);
    expect(gaps[0]).toBeGreaterThanOrEqual(SCHEDULE_MS[0]! - 100);
    expect(gaps[1]).toBeGreaterThanOrEqual(SCHEDULE_MS[1]! - 100);
    expect(gaps[1]).toBeGreaterThan(gaps[0]!);
    expect(requestsTo(path).filter((r) => r.status === 200)).toHaveLength(1);
  });

  it("keeps a delivery the receiver never accepts as failed, and a replay re-sends it with the same webhook-id", async () => {
    let down = true;
    const { site, path, hook } = await endpoint("down", () => (down ? 500 : 200));
    await identify(site);
    const [failed] = await eventually(async () => (await deliveries(hook.id))[0]?.status === "failed" && deliveries(hook.id), 40_000);
    expect(failed).toMatchObject({ status: "failed", attempts: SCHEDULE_MS.length + 1, response_code: 500, next_attempt_at: null });
    expect(requestsTo(path)).toHaveLength(SCHEDULE_MS.length + 1);
    down = false;
    const replay = await api(`/api/v1/webhooks/${hook.id}/deliveries/${failed.id}/replay`, { method: "POST" });
    expect(replay.status).toBe(202);
    const reqs = await eventually(() => requestsTo(path).length === SCHEDULE_MS.length + 2 && requestsTo(path));
    const last = reqs[reqs.length - 1]!;
    expect(last.status).toBe(200);
    expect(last.headers["webhook-id"]).toBe(reqs[0]!.headers["webhook-id"]);
    expect(() => new Webhook(hook.secret).verify(last.body, last.headers)).not.toThrow();
    const [log] = await eventually(async () => (await deliveries(hook.id))[0]?.status === "delivered" && deliveries(hook.id));
    expect(log.attempts).toBe(SCHEDULE_MS.length + 2);
  });

  it("disables an endpoint that answers 410 Gone and sends it nothing more", async () => {
    const gone = await endpoint("gone", () => 410);
    const control = await endpoint("control", () => 200, gone.site);
    await identify(gone.site);
    await eventually(async () => (await api(`/api/v1/webhooks/${gone.hook.id}`)).body.status === "disabled");
    await eventually(() => requestsTo(control.path).length === 1);
    await identify(gone.site);
    // The control endpoint hears of the second lead; by then the fan-out that skipped the disabled one is done.
    await eventually(() => requestsTo(control.path).length === 2);
    expect(requestsTo(gone.path)).toHaveLength(1);
    const log = await deliveries(gone.hook.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ status: "dead", response_code: 410, attempts: 1 });
  });
});
