// End to end with the real @segment/analytics-node client against the running collector (wrangler dev, local D1 and
// queues): what a server SDK sends unchanged ends up in the right Pista profiles. Node only, 127.0.0.1 only.
import { Analytics, type AnalyticsSettings } from "@segment/analytics-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedCollector, type RunningCollector } from "./support/collector";

let collector: RunningCollector;
/** This file's own site: its id and write key. */
let site: { id: string; write_key: string };

beforeAll(async () => {
  collector = sharedCollector();
  site = await collector.site({ name: "Segment SDK tests" });
});

const id = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** A client for this file's site that records every request it sends and every response it gets. */
function sdk(settings: Partial<AnalyticsSettings> = {}) {
  const analytics = new Analytics({ writeKey: site.write_key, host: collector.url, maxRetries: 1, httpRequestTimeout: 20_000, ...settings });
  const sent: { batch: unknown[]; writeKey: string }[] = [];
  const statuses: number[] = [];
  const errors: unknown[] = [];
  analytics.on("http_request", (r) => sent.push(JSON.parse(r.body)));
  analytics.on("http_response", (r) => statuses.push(r.status));
  analytics.on("error", (e) => errors.push(e));
  return { analytics, sent, statuses, errors };
}

async function profileByUser(userId: string) {
  const { body } = await collector.api<{ data: any[] }>(`/api/v1/profiles?site=${site.id}&user_id=${encodeURIComponent(userId)}`);
  return body.data[0] ?? null;
}

describe("@segment/analytics-node against Pista", () => {
  it("identify, track, page and alias end in one identified profile with the visit's source", async () => {
    const { analytics, sent, statuses, errors } = sdk({ flushAt: 50, flushInterval: 500 });
    const anonymousId = id("anon");
    const userId = id("user");
    const landing = `${collector.url}/pricing?utm_source=newsletter&utm_medium=email&utm_campaign=sdk-launch`;
    analytics.page({ anonymousId, name: "Pricing", properties: { url: landing, title: "Plans" }, context: { userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" } });
    analytics.track({ anonymousId, event: "demo_requested", properties: { plan: "growth" } });
    analytics.identify({ userId, traits: { email: `${userId}@northwind.example`, title: "VP Marketing", company: { name: "Northwind", employee_count: 250 } } });
    analytics.alias({ previousId: anonymousId, userId });
    await analytics.closeAndFlush({ timeout: 20_000 });

    expect(errors).toEqual([]);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(sent.flatMap((b) => b.batch).length).toBe(4);
    const profile = await collector.eventually(async () => {
      const p = await profileByUser(userId);
      return p?.counts.events === 4 && p.anonymous_ids.includes(anonymousId) ? p : null;
    }, 30_000);
    expect(profile).toMatchObject({
      user_id: userId,
      email: `${userId}@northwind.example`,
      counts: { pageviews: 1, sessions: 1, events: 4 },
      traits: { job_title: "VP Marketing", company: "Northwind", employees: 250 },
      device: { browser: "Chrome", os: "Windows" },
    });
    expect(["lead", "mql"]).toContain(profile.stage);
    expect(profile.first_touch).toMatchObject({ channel: "Email", source: "newsletter", medium: "email", campaign: "sdk-launch" });
    const { body } = await collector.api<{ data: { type: string; name: string | null }[] }>(`/api/v1/profiles/${profile.id}/events`);
    expect(body.data.map((e) => e.type).sort()).toEqual(["alias", "identify", "pageview", "track"]);
    // The anonymous id alone now finds the same person.
    const byAnon = await collector.api<{ data: { id: string }[] }>(`/api/v1/profiles?site=${site.id}&anonymous_id=${anonymousId}`);
    expect(byAnon.body.data.map((p) => p.id)).toEqual([profile.id]);
  });

  it("delivers a 500-event flush in one request and stores every event", async () => {
    const { analytics, sent, statuses, errors } = sdk({ flushAt: 500, flushInterval: 30_000 });
    const userId = id("bulk");
    for (let i = 0; i < 500; i++) analytics.track({ userId, event: "report_viewed", properties: { n: i } });
    await analytics.closeAndFlush({ timeout: 30_000 });

    expect(errors).toEqual([]);
    expect(sent.map((b) => b.batch.length)).toEqual([500]);
    expect(statuses).toEqual([200]);
    const profile = await collector.eventually(async () => {
      const p = await profileByUser(userId);
      return p?.counts.events === 500 ? p : null;
    }, 40_000);
    expect(profile.counts.sessions).toBe(0);
    // Counting happens after the response (waitUntil), so it is polled too.
    await collector.eventually(async () => (await collector.api<{ events_accepted: number }>(`/api/v1/stats?site=${site.id}`)).body.events_accepted >= 504);
  });
});
