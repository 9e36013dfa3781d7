// Webhooks managed from the dashboard (settings → Webhooks): add an endpoint with its secret shown once, refuse bad
// forms with their problems (400) and save nothing, edit, rotate, disable and enable, delete after confirming, send a
// test event; the delivery log shows the next attempt of a pending delivery and links to the profile.
import { Webhook } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { dashboardSession } from "./dashboard-support";
import { api, collectedEvent, createSite, deliver, eventually, profileOf, uid } from "./support";
import { receiver } from "./webhooks-support";

const URL_1 = "http://127.0.0.1:9/crm-one";
const URL_2 = "http://127.0.0.1:9/crm-two";

let crm: ReturnType<typeof receiver>;
beforeEach(() => {
  crm = receiver();
  vi.stubGlobal("fetch", crm.fetch);
});
afterEach(() => vi.unstubAllGlobals());

/** An admin session; `send` posts a form and follows a redirect, as a browser does. */
async function admin() {
  const session = await dashboardSession("test-admin-token");
  const send = async (path: string, fields: [string, string][]) => {
    const res = await session.post(path, fields);
    return res.status === 303 ? { ...(await session.get(res.headers.get("location")!)), redirectedTo: res.headers.get("location")! } : { ...res, redirectedTo: null };
  };
  return { ...session, send };
}

const listOf = async (site: string) => (await api(`/api/v1/webhooks?site=${site}`)).body.data as any[];
const secretIn = (page: string) => /data-secret="(whsec_[^"]+)"/.exec(page)?.[1];

describe("webhooks from the dashboard", () => {
  it("adds an endpoint and shows its secret once; the secret signs its deliveries", async () => {
    const site = await createSite();
    const session = await admin();
    const res = await session.send(`/dashboard/settings/webhooks?site=${site.id}`, [
      ["url", URL_1], ["events", "profile.qualified"], ["events", "profile.deleted"], ["grade", "A"], ["grade", "B"], ["label", "ready_to_buy, comparison_shopper"], ["min_score", "40"],
    ]);
    expect(res.redirectedTo).toContain("notice=webhook_created");
    expect(res.status).toBe(200);
    const secret = secretIn(res.body);
    expect(secret).toMatch(/^whsec_/);
    const [hook] = await listOf(site.id);
    expect(hook).toMatchObject({ url: URL_1, events: ["profile.qualified", "profile.deleted"], filters: { grade: ["A", "B"], label: ["ready_to_buy", "comparison_shopper"], min_score: 40 }, status: "active" });
    // Shown once: the page read again does not carry it.
    const again = await session.get(`/dashboard/settings/webhooks?site=${site.id}`);
    expect(again.body).toContain(URL_1);
    expect(again.body).not.toContain(secret);
    expect(await listOf(site.id)).toHaveLength(1);

    const test = await session.send(`/dashboard/webhooks/${hook.id}/test?site=${site.id}`, []);
    expect(test.redirectedTo).toContain("notice=test_sent");
    await eventually(async () => crm.calls.some((c) => c.url === URL_1));
    const call = crm.calls.find((c) => c.url === URL_1)!;
    expect((new Webhook(secret!).verify(call.body, call.headers) as any).type).toBe("webhook.test");
    const page = (await session.get(`/dashboard/settings/webhooks?site=${site.id}`)).body;
    expect(page).toMatch(/data-type="webhook.test" data-status="(pending|delivered)"/);
  });

  it.each([
    ["a URL that is not a URL and no event type", [["url", "not a url"]], ["url", "events"]],
    ["a private address", [["url", "https://10.0.0.8/hook"], ["events", "profile.identified"]], ["url"]],
    ["an event type that does not exist", [["url", URL_1], ["events", "profile.exploded"]], ["events.0"]],
    ["the test event as a subscription", [["url", URL_1], ["events", "webhook.test"]], ["events.0"]],
    ["a minimum score that is not a number", [["url", URL_1], ["events", "profile.identified"], ["min_score", "high"]], ["filters.min_score"]],
  ] as [string, [string, string][], string[]][])("brings the add form back with the problems for %s (400) and saves nothing", async (_what, fields, paths) => {
    const site = await createSite();
    const session = await admin();
    const res = await session.send(`/dashboard/settings/webhooks?site=${site.id}`, fields);
    expect(res.status).toBe(400);
    for (const path of paths) expect(res.body).toContain(`data-issue-path="${path}"`);
    expect(res.body).toContain(`value="${fields[0]![1]}"`);
    expect(secretIn(res.body)).toBeUndefined();
    expect(await listOf(site.id)).toEqual([]);
  });

  it("edits, rotates, disables, enables and deletes an endpoint, refusing a bad edit", async () => {
    const site = await createSite();
    const session = await admin();
    const created = await session.send(`/dashboard/settings/webhooks?site=${site.id}`, [["url", URL_1], ["events", "profile.identified"], ["grade", "A"]]);
    const first = secretIn(created.body)!;
    const [hook] = await listOf(site.id);

    const bad = await session.send(`/dashboard/webhooks/${hook.id}?site=${site.id}`, [["url", "ftp://crm.example.com/x"]]);
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('data-issue-path="url"');
    expect(bad.body).toContain('data-issue-path="events"');
    expect((await listOf(site.id))[0]).toMatchObject({ url: URL_1, events: ["profile.identified"], filters: { grade: ["A"] } });

    const edited = await session.send(`/dashboard/webhooks/${hook.id}?site=${site.id}`, [["url", URL_2], ["events", "profile.updated"], ["events", "profile.stage_changed"], ["stage", "sql"]]);
    expect(edited.redirectedTo).toContain("notice=webhook_saved");
    expect((await listOf(site.id))[0]).toMatchObject({ url: URL_2, events: ["profile.updated", "profile.stage_changed"], filters: { stage: ["sql"] } });

    const rotated = await session.send(`/dashboard/webhooks/${hook.id}/rotate?site=${site.id}`, []);
    expect(rotated.redirectedTo).toContain("notice=secret_rotated");
    const second = secretIn(rotated.body)!;
    expect(second).toMatch(/^whsec_/);
    expect(second).not.toBe(first);
    expect(rotated.body).toContain("previous secret keeps signing");
    expect((await api(`/api/v1/webhooks/${hook.id}`)).body.previous_secret_expires_at).not.toBeNull();

    expect((await session.send(`/dashboard/webhooks/${hook.id}/status?site=${site.id}`, [["status", "disabled"]])).redirectedTo).toContain("notice=webhook_disabled");
    expect((await api(`/api/v1/webhooks/${hook.id}`)).body.status).toBe("disabled");
    expect((await session.send(`/dashboard/webhooks/${hook.id}/test?site=${site.id}`, [])).status).toBe(409);
    expect((await session.send(`/dashboard/webhooks/${hook.id}/status?site=${site.id}`, [["status", "active"]])).redirectedTo).toContain("notice=webhook_enabled");
    expect((await api(`/api/v1/webhooks/${hook.id}`)).body.status).toBe("active");

    const confirm = await session.get(`/dashboard/webhooks/${hook.id}/delete?site=${site.id}`);
    expect(confirm.status).toBe(200);
    expect(confirm.body).toContain("Type DELETE to confirm");
    expect((await session.send(`/dashboard/webhooks/${hook.id}/delete?site=${site.id}`, [["confirm", "yes"]])).status).toBe(400);
    expect(await listOf(site.id)).toHaveLength(1);
    const deleted = await session.send(`/dashboard/webhooks/${hook.id}/delete?site=${site.id}`, [["confirm", "DELETE"]]);
    expect(deleted.redirectedTo).toContain("notice=webhook_deleted");
    expect(await listOf(site.id)).toEqual([]);
  });

  it("shows a pending delivery's next attempt and links the delivery to its profile", async () => {
    const site = await createSite();
    const down = receiver(() => new Response("busy", { status: 503 }));
    vi.stubGlobal("fetch", down.fetch);
    const session = await admin();
    await session.send(`/dashboard/settings/webhooks?site=${site.id}`, [["url", URL_1], ["events", "profile.identified"]]);
    const [hook] = await listOf(site.id);
    const a = uid("a");
    await deliver([{ v: 1, events: [collectedEvent({ site: site.id, anonymous_id: a, type: "identify", traits: { email: `${a}@acme-corp.com` } })] }]);
    const profile = await profileOf(site.id, a);
    const [pending] = await eventually(async () => {
      const log = (await api(`/api/v1/webhooks/${hook.id}/deliveries`)).body.data;
      return log[0]?.attempts === 1 && log;
    });
    expect(pending).toMatchObject({ status: "pending", response_code: 503 });
    const page = (await session.get(`/dashboard/settings/webhooks?site=${site.id}`)).body;
    expect(page).toContain(`data-next-attempt="${pending.next_attempt_at}"`);
    expect(page).toContain(`href="/dashboard/profiles/${profile.id}?site=${site.id}" data-profile="${profile.id}"`);
  });

  it("shows a read key the endpoints and their log, but no forms, and refuses its POSTs", async () => {
    const site = await createSite();
    const session = await admin();
    await session.send(`/dashboard/settings/webhooks?site=${site.id}`, [["url", URL_1], ["events", "profile.identified"]]);
    const [hook] = await listOf(site.id);
    const reader = await dashboardSession(site.read_key);
    const page = await reader.get(`/dashboard/settings/webhooks?site=${site.id}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain(URL_1);
    expect(page.body).not.toContain("Add an endpoint");
    expect(page.body).not.toContain('data-action="test"');
    expect((await reader.post(`/dashboard/webhooks/${hook.id}/test?site=${site.id}`, {})).status).toBe(403);
    expect((await reader.post(`/dashboard/settings/webhooks?site=${site.id}`, { url: URL_2, events: "profile.identified" })).status).toBe(403);
    expect(await listOf(site.id)).toHaveLength(1);
  });
});
