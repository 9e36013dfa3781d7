// The routing API (CONTRACT §10) in the Workers runtime: GET/PUT with validation and versions, the owners' alert
// endpoints kept in step, PATCH owner, and the profile list's owner and overdue filters.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { api, createSite, dbOf, deliver, profileOf, uid } from "./support";
import { alertReceivers, owner, outboxOf, putRouting, qualifyingEvents, RECEIVER } from "./routing-support";

// Alerts these tests cause go to Slack- and Teams-shaped receivers, never to the network.
beforeEach(() => vi.stubGlobal("fetch", alertReceivers().fetch));
afterEach(() => vi.unstubAllGlobals());

const routingUrl = (site: string) => `/api/v1/sites/${site}/routing`;
const put = (site: string, body: unknown, token?: string) => api(routingUrl(site), { method: "PUT", body: JSON.stringify(body), ...(token ? { token } : {}) });
const patch = (id: string, body: unknown) => api(`/api/v1/profiles/${id}`, { method: "PATCH", body: JSON.stringify(body) });

async function qualifiedLead(site: string) {
  const anon = uid("anon");
  await deliver([{ v: 1, events: qualifyingEvents(site, { anonymous_id: anon }) }]);
  const profile = await profileOf(site, anon);
  expect(profile.stage).toBe("mql");
  return profile;
}

describe("GET and PUT /api/v1/sites/{id}/routing", () => {
  it("starts empty, saves a valid routing as a new version, and returns what was saved", async () => {
    const { id: site } = await createSite();
    expect((await api(routingUrl(site))).body).toEqual({ site, version: 0, owners: [], rules: [], assign_at: "mql" });
    const body = {
      owners: [owner("ana", { slack: true, teams: true }), owner("ben")],
      rules: [{ when: { country: "PT", grade: ["A", "B"] }, assign: "ana" }, { when: {}, assign: { round_robin: ["ana", "ben"] } }],
      fallback: "ben",
      assign_at: "mql",
      follow_up: { within_minutes: 30, escalate_to: "ana" },
    };
    const saved = await put(site, body);
    expect(saved.status).toBe(200);
    const expected = { ...body, site, version: 1, rules: [{ when: { country: ["PT"], grade: ["A", "B"] }, assign: "ana" }, body.rules[1]] };
    expect(saved.body).toEqual(expected);
    expect((await api(routingUrl(site))).body).toEqual(expected);
    // What GET returns can be sent back as it is.
    expect((await put(site, saved.body)).body.version).toBe(2);
  });

  it.each([
    ["a rule naming an unknown owner", { owners: [owner("ana")], rules: [{ when: {}, assign: "zoe" }] }, "rules.0.assign"],
    ["a round robin naming an unknown owner", { owners: [owner("ana")], rules: [{ when: {}, assign: { round_robin: ["ana", "zoe"] } }] }, "rules.0.assign.round_robin.1"],
    ["an unknown escalation owner", { owners: [owner("ana")], follow_up: { within_minutes: 5, escalate_to: "zoe" } }, "follow_up.escalate_to"],
    ["a private address", { owners: [{ id: "ana", name: "Ana", slack_url: "https://192.168.1.20/hook" }] }, "owners.0.slack_url"],
    ["plain http to a public host (http is for loopback in development only)", { owners: [{ id: "ana", name: "Ana", teams_url: "http://hooks.example.com/x" }] }, "owners.0.teams_url"],
    ["a missing owners list", { rules: [] }, "owners"],
  ])("answers 400 with issues naming the path for %s, and keeps the saved version", async (_what, body, path) => {
    const { id: site } = await createSite();
    await putRouting(site, { owners: [owner("ana")] });
    const res = await put(site, body);
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect((await api(routingUrl(site))).body).toMatchObject({ version: 1, owners: [{ id: "ana" }] });
  });

  it("lets a read key read the routing but not change it", async () => {
    const site = await createSite();
    await putRouting(site.id, { owners: [owner("ana")] });
    expect((await api(routingUrl(site.id), { token: site.read_key })).status).toBe(200);
    expect((await put(site.id, { owners: [] }, site.read_key)).status).toBe(403);
    expect((await api(routingUrl((await createSite()).id), { token: site.read_key })).status).toBe(403);
  });
});

describe("the owners' alert endpoints", () => {
  it("follow the routing: one per owner and URL, disabled when the owner leaves, active again when they return", async () => {
    const { id: site } = await createSite();
    await putRouting(site, { owners: [owner("ana", { slack: true, teams: true }), owner("ben")] });
    const listed = async () => (await api(`${routingUrl(site)}/alerts`)).body.data.map((e: any) => [e.owner_id, e.kind, e.status, e.url]).sort();
    expect(await listed()).toEqual([
      ["ana", "slack", "active", `${RECEIVER}/slack/ana`],
      ["ana", "teams", "active", `${RECEIVER}/teams/ana`],
      ["ben", "slack", "active", `${RECEIVER}/slack/ben`],
    ]);
    await putRouting(site, { owners: [owner("ana", { slack: true })] });
    expect(await listed()).toEqual([
      ["ana", "slack", "active", `${RECEIVER}/slack/ana`],
      ["ana", "teams", "disabled", `${RECEIVER}/teams/ana`],
      ["ben", "slack", "disabled", `${RECEIVER}/slack/ben`],
    ]);
    await putRouting(site, { owners: [owner("ana", { slack: true }), owner("ben")] });
    expect((await listed()).filter((e: string[]) => e[2] === "active").map((e: string[]) => e.slice(0, 2).join(" "))).toEqual(["ana slack", "ben slack"]);
  });

  it("are not webhooks: the webhook list leaves them out, and the webhook API cannot change them", async () => {
    const { id: site } = await createSite();
    await putRouting(site, { owners: [owner("ana")] });
    expect((await api(`/api/v1/webhooks?site=${site}`)).body.data).toEqual([]);
    const [alert] = (await api(`${routingUrl(site)}/alerts`)).body.data;
    expect((await api(`/api/v1/webhooks/${alert.id}`)).body).toMatchObject({ id: alert.id, url: `${RECEIVER}/slack/ana` });
    const change = await api(`/api/v1/webhooks/${alert.id}`, { method: "PATCH", body: JSON.stringify({ url: "https://elsewhere.example/x" }) });
    expect(change.status).toBe(409);
    expect(change.body.error.code).toBe("managed_by_routing");
    expect((await api(`/api/v1/webhooks/${alert.id}`, { method: "DELETE" })).status).toBe(409);
  });

  it("refuses a test alert for an unknown owner or one without URLs, naming the owner", async () => {
    const { id: site } = await createSite();
    await putRouting(site, { owners: [owner("ana"), { id: "ben", name: "Ben" }] });
    for (const who of ["zoe", "ben"]) {
      const res = await api(`${routingUrl(site)}/test`, { method: "POST", body: JSON.stringify({ owner: who }) });
      expect(res.status).toBe(400);
      expect(res.body.error.issues[0].path).toBe("owner");
    }
  });
});

describe("PATCH /api/v1/profiles/{id} with owner", () => {
  it("assigns an owner of the routing, sends profile.assigned, and clears it with null", async () => {
    const { id: site } = await createSite();
    const lead = await qualifiedLead(site);
    expect(lead.owner).toBeNull();
    await putRouting(site, { owners: [owner("ana"), owner("ben")], follow_up: { within_minutes: 45 } });
    const set = await patch(lead.id, { owner: "ben" });
    expect(set.status).toBe(200);
    expect(set.body.owner).toEqual({ id: "ben", name: "Ben" });
    expect(Date.parse(set.body.assigned_at)).toBeGreaterThan(Date.now() - 60_000);
    const [assigned] = await outboxOf(site, "profile.assigned");
    expect(assigned!.data).toMatchObject({ owner: { id: "ben", name: "Ben" }, by: "api", previous_owner: null });
    const deadline = await (await dbOf(site)).prepare("SELECT owner_id, due_at - assigned_at AS window FROM follow_ups WHERE profile_id = ?1").bind(lead.id).first();
    expect(deadline).toEqual({ owner_id: "ben", window: 45 * 60_000 });
    const cleared = await patch(lead.id, { owner: null });
    expect(cleared.body).toMatchObject({ owner: null, assigned_at: null });
    expect((await outboxOf(site, "profile.updated")).map((r) => r.data.changes)).toContainEqual({ owner: null });
  });

  it("answers 400 naming owner for an id that is not in the site's routing, and changes nothing", async () => {
    const { id: site } = await createSite();
    const lead = await qualifiedLead(site);
    await putRouting(site, { owners: [owner("ana")] });
    const res = await patch(lead.id, { owner: "mallory" });
    expect(res.status).toBe(400);
    expect(res.body.error.issues).toEqual([{ path: "owner", message: expect.stringContaining("owners: ana") }]);
    expect((await api(`/api/v1/profiles/${lead.id}`)).body).toMatchObject({ owner: null, updated_at: lead.updated_at });
  });
});

describe("the profile list's owner and overdue filters", () => {
  it("lists an owner's leads, the unassigned ones, and those past the follow-up window and not contacted", async () => {
    const { id: site } = await createSite();
    const [a, b, c, d] = [await qualifiedLead(site), await qualifiedLead(site), await qualifiedLead(site), await qualifiedLead(site)];
    await putRouting(site, { owners: [owner("ana"), owner("ben")], follow_up: { within_minutes: 60 } });
    for (const [p, who] of [[a, "ana"], [b, "ana"], [c, "ben"]] as const) expect((await patch(p.id, { owner: who })).status).toBe(200);
    // a and c were assigned two hours ago; c has been called since.
    await (await dbOf(site)).prepare("UPDATE profiles SET assigned_at = ?2 WHERE id IN (SELECT value FROM json_each(?1))").bind(JSON.stringify([a.id, c.id]), Date.now() - 2 * 3_600_000).run();
    expect((await patch(c.id, { contacted: true })).status).toBe(200);
    const ids = async (query: string) => (await api(`/api/v1/profiles?site=${site}&${query}`)).body.data.map((p: { id: string }) => p.id).sort();
    expect(await ids("owner=ana")).toEqual([a.id, b.id].sort());
    expect(await ids("owner=ben")).toEqual([c.id]);
    expect(await ids("owner=none")).toEqual([d.id]);
    expect(await ids("overdue=true")).toEqual([a.id]);
    expect(await ids("owner=ana&overdue=true")).toEqual([a.id]);
    expect((await api(`/api/v1/profiles?site=${site}&overdue=yes`)).status).toBe(400);
  });

  it("finds nothing overdue when the routing has no follow-up window", async () => {
    const { id: site } = await createSite();
    const lead = await qualifiedLead(site);
    await putRouting(site, { owners: [owner("ana")] });
    await patch(lead.id, { owner: "ana" });
    await (await dbOf(site)).prepare("UPDATE profiles SET assigned_at = 0 WHERE id = ?1").bind(lead.id).run();
    expect((await api(`/api/v1/profiles?site=${site}&overdue=true`)).body.data).toEqual([]);
  });
});

describe("deleting a site", () => {
  it("leaves nothing of its routing", async () => {
    const { id: site } = await createSite();
    await putRouting(site, { owners: [owner("ana")], rules: [{ when: {}, assign: { round_robin: ["ana"] } }], follow_up: { within_minutes: 5 } });
    await qualifiedLead(site);
    // The site's shard, read before the site (and its place in the directory) is gone.
    const db = await dbOf(site);
    expect((await api(`/api/v1/sites/${site}`, { method: "DELETE" })).status).toBe(204);
    for (const table of ["routing", "routing_rotations", "follow_ups", "webhook_subscriptions"]) {
      expect(await db.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE site = ?1`).bind(site).first("n")).toBe(0);
    }
  });
});
