// A CRM's PATCH: the verdict (contacted, deal, disposition) round-trips, is validated, and reaches webhooks.
import { describe, expect, it } from "vitest";
import { api, collectedEvent, createSite, dbOf, deliver, profileOf, uid } from "./support";

async function lead() {
  const site = await createSite();
  const a = uid("a");
  await deliver([{ v: 1, events: [collectedEvent({ site: site.id, anonymous_id: a, type: "identify", traits: { email: `${a}@acme-corp.com` } })] }]);
  return { site, profile: await profileOf(site.id, a) };
}
const patch = (id: string, body: unknown, token?: string) => api(`/api/v1/profiles/${id}`, { method: "PATCH", body: JSON.stringify(body), ...(token ? { token } : {}) });
const updates = async (site: { id: string }, profile: string) =>
  (await (await dbOf(site)).prepare("SELECT data FROM webhook_outbox WHERE profile_id = ?1 AND type = 'profile.updated' ORDER BY at").bind(profile).all<{ data: string }>()).results.map((r) => JSON.parse(r.data).changes);

describe("PATCH /api/v1/profiles/{id} with the CRM's verdict", () => {
  it("keeps contacted_at, the deal and the disposition, shows them, and sends profile.updated with what changed", async () => {
    const { site, profile } = await lead();
    expect(profile).toMatchObject({ contacted_at: null, deal: null, disposition: null, owner: null, account: { domain: "acme-corp.com", name: null } });
    const contacted = await patch(profile.id, { contacted: true });
    expect(contacted.status).toBe(200);
    expect(Date.parse(contacted.body.contacted_at)).toBeGreaterThan(Date.now() - 60_000);
    const won = await patch(profile.id, { stage: "customer", deal: { amount: 12000, currency: "usd" }, disposition: "won" });
    expect(won.body).toMatchObject({ stage: "customer", deal: { amount: 12000, currency: "USD" }, disposition: "won", contacted_at: contacted.body.contacted_at });
    expect((await api(`/api/v1/profiles/${profile.id}`)).body).toMatchObject({ deal: { amount: 12000, currency: "USD" }, disposition: "won" });
    const cleared = await patch(profile.id, { deal: null, disposition: null, contacted_at: null });
    expect(cleared.body).toMatchObject({ deal: null, disposition: null, contacted_at: null });
    expect(await updates(site, profile.id)).toEqual([
      { contacted_at: contacted.body.contacted_at },
      { deal: { amount: 12000, currency: "USD" }, disposition: "won" },
      { contacted_at: null, deal: null, disposition: null },
    ]);
  });

  it("counts a stage of sql or customer as contacted", async () => {
    const { profile } = await lead();
    const sql = await patch(profile.id, { stage: "sql" });
    expect(sql.body.contacted_at).not.toBeNull();
  });

  it.each([
    ["an unknown disposition", { disposition: "maybe" }, "disposition"],
    ["a negative deal", { deal: { amount: -1, currency: "EUR" } }, "deal.amount"],
    ["a currency that is not ISO 4217", { deal: { amount: 5, currency: "euros" } }, "deal.currency"],
    ["a deal without a currency", { deal: { amount: 5 } }, "deal.currency"],
    ["contacted and contacted_at together", { contacted: true, contacted_at: "2026-01-01T00:00:00Z" }, "contacted"],
    ["contacted_at that is not a time", { contacted_at: "yesterday" }, "contacted_at"],
  ])("answers 400 naming the path for %s, and changes nothing", async (_what, body, path) => {
    const { profile } = await lead();
    const res = await patch(profile.id, body);
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
    expect((await api(`/api/v1/profiles/${profile.id}`)).body.updated_at).toBe(profile.updated_at);
  });

  it("needs the admin token", async () => {
    const { site, profile } = await lead();
    expect((await patch(profile.id, { disposition: "junk" }, site.read_key)).status).toBe(403);
  });
});
