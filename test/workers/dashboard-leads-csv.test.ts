// GET /dashboard/leads.csv: the leads list as CSV from a dashboard session, with the leads page's query parameters,
// written by the same service as GET /api/v1/profiles.csv (the same bytes for the same question).
import { describe, expect, it } from "vitest";
import { dashboardSession } from "./dashboard-support";
import { api, collectedEvent, createSite, deliver, uid } from "./support";

async function siteWithLeads() {
  const site = await createSite();
  const events = Array.from({ length: 6 }, (_, i) => {
    const a = uid("a");
    return i % 2
      ? collectedEvent({ site: site.id, anonymous_id: a, type: "identify", traits: { email: `${a}@acme-corp.com`, name: `=HYPERLINK("x") ${i}` } })
      : collectedEvent({ site: site.id, anonymous_id: a, url: "https://example.com/pricing" });
  });
  await deliver([{ v: 1, events }]);
  return site;
}

describe("GET /dashboard/leads.csv", () => {
  it("gives the leads page's list as the API's CSV, filters and order included", async () => {
    const site = await siteWithLeads();
    const admin = await dashboardSession("test-admin-token");
    for (const query of ["", "&stage=lead", "&min_score=1&label=browser", "&stage=nonsense"]) {
      const res = await admin.get(`/dashboard/leads.csv?site=${site.id}${query}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("content-disposition")).toBe(`attachment; filename="leads-${site.id}.csv"`);
      // The page drops a value it cannot read (stage=nonsense) rather than failing; so does its CSV.
      const apiQuery = query === "&stage=nonsense" ? "" : query;
      const fromApi = await api<string>(`/api/v1/profiles.csv?site=${site.id}&sort=score${apiQuery}`);
      expect(res.body).toBe(fromApi.body);
    }
    const leadsOnly = (await admin.get(`/dashboard/leads.csv?site=${site.id}&stage=lead`)).body.trim().split("\r\n");
    expect(leadsOnly).toHaveLength(1 + 3);
    expect(leadsOnly.slice(1).every((line) => line.includes(`"'=HYPERLINK`))).toBe(true);
  });

  it("pages with limit and a Link header, like the API", async () => {
    const site = await siteWithLeads();
    const admin = await dashboardSession("test-admin-token");
    const first = await admin.get(`/dashboard/leads.csv?site=${site.id}&limit=4`);
    expect(first.body.trim().split("\r\n")).toHaveLength(1 + 4);
    const next = first.headers.get("x-next-cursor");
    expect(next).toBeTruthy();
    const rest = await admin.get(`/dashboard/leads.csv?site=${site.id}&limit=4&cursor=${next}`);
    expect(rest.body.trim().split("\r\n")).toHaveLength(1 + 2);
  });

  it("serves a read key's session its own site only, and nobody without a session", async () => {
    const [site, other] = [await siteWithLeads(), await createSite()];
    const reader = await dashboardSession(site.read_key);
    expect((await reader.get(`/dashboard/leads.csv?site=${site.id}`)).status).toBe(200);
    expect((await reader.get(`/dashboard/leads.csv?site=${other.id}`)).status).toBe(403);
    const anonymous = await api(`/dashboard/leads.csv?site=${site.id}`, { token: null, redirect: "manual" });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toMatch(/^\/dashboard\/sign-in/);
  });
});
