// The CRM's verdict, both ways: dispositions, deals and contacts set through the API and the dashboard form round-trip,
// and GET /api/v1/reports/dispositions counts them per first-touch channel, source and campaign exactly as a hand
// count over the test's own leads does.
import { describe, expect, it } from "vitest";
import type { CollectedEvent } from "../../schema/event";
import { dashboardSession } from "./dashboard-support";
import { api, collectedEvent, createSite, deliver, profileOf, uid } from "./support";

const DAY = 86_400_000;

type Touch = NonNullable<CollectedEvent["touch"]>;

function touch(channel: string, source: string | null, campaign: string | null): Touch {
  return { channel, source, medium: null, campaign, term: null, content: null, referrer: null, landing_page: "https://example.com/", click_id: null };
}

interface Lead {
  touch: Touch;
  daysAgo: number;
  disposition?: "junk" | "not_a_fit" | "won" | "lost";
  deal?: { amount: number; currency: string };
  contacted?: boolean;
  /** set through the dashboard form rather than the API */
  byForm?: boolean;
}

const GOOGLE_BRAND = touch("Paid Search", "google", "brand");
const GOOGLE_GENERIC = touch("Paid Search", "google", "generic");
const NEWSLETTER = touch("Email", "newsletter", "spring");
const LINKEDIN = touch("Paid Social", "linkedin", null);
const DIRECT = touch("Direct", "(direct)", null);

const LEADS: Lead[] = [
  { touch: GOOGLE_BRAND, daysAgo: 2, disposition: "won", deal: { amount: 12000, currency: "EUR" }, contacted: true },
  { touch: GOOGLE_BRAND, daysAgo: 3, disposition: "junk", byForm: true },
  { touch: GOOGLE_GENERIC, daysAgo: 3, disposition: "junk" },
  { touch: GOOGLE_GENERIC, daysAgo: 4, disposition: "won", deal: { amount: 800.5, currency: "USD" }, contacted: true, byForm: true },
  { touch: GOOGLE_GENERIC, daysAgo: 5, contacted: true },
  { touch: NEWSLETTER, daysAgo: 1, disposition: "not_a_fit", contacted: true, byForm: true },
  { touch: NEWSLETTER, daysAgo: 6, disposition: "won", deal: { amount: 450, currency: "EUR" } },
  { touch: NEWSLETTER, daysAgo: 6, disposition: "lost", contacted: true },
  { touch: LINKEDIN, daysAgo: 2, disposition: "junk" },
  { touch: LINKEDIN, daysAgo: 2, disposition: "junk", byForm: true },
  { touch: DIRECT, daysAgo: 1 },
  // Outside the range asked for below: counted only without a range.
  { touch: GOOGLE_BRAND, daysAgo: 40, disposition: "junk" },
  { touch: NEWSLETTER, daysAgo: 45, disposition: "won", deal: { amount: 99, currency: "EUR" } },
];

async function sendLead(site: string, lead: Lead) {
  const anon = uid("a");
  const at = Date.now() - lead.daysAgo * DAY;
  await deliver([{ v: 1, events: [
    collectedEvent({ site, anonymous_id: anon, at, touch: lead.touch }),
    collectedEvent({ site, anonymous_id: anon, at: at + 1000, type: "identify", traits: { email: `${anon}@acme-corp.com` } }),
  ] }]);
  return (await profileOf(site, anon)).id as string;
}

/** The form fields the dashboard's verdict form sends. */
function formOf(lead: Lead): Record<string, string> {
  return {
    ...(lead.contacted ? { contacted: "true" } : {}),
    disposition: lead.disposition ?? "",
    deal_amount: lead.deal ? String(lead.deal.amount) : "",
    deal_currency: lead.deal?.currency ?? "",
  };
}

/** The report a person would count by hand from the leads above. */
function handCount(leads: Lead[], key: (t: Touch) => string) {
  const rows = new Map<string, any>();
  for (const lead of leads) {
    const k = key(lead.touch);
    const row = rows.get(k) ?? { key: k, leads: 0, contacted: 0, junk: 0, not_a_fit: 0, won: 0, lost: 0, deals: 0, revenue: {} as Record<string, number> };
    row.leads++;
    if (lead.contacted) row.contacted++;
    if (lead.disposition) row[lead.disposition]++;
    if (lead.deal) {
      row.deals++;
      row.revenue[lead.deal.currency] = (row.revenue[lead.deal.currency] ?? 0) + lead.deal.amount;
    }
    rows.set(k, row);
  }
  return [...rows.values()].map((r) => ({ ...r, junk_share: Math.round((r.junk / r.leads) * 1e6) / 1e6 }));
}
const byKey = (rows: { key: string }[]) => [...rows].sort((a, b) => a.key.localeCompare(b.key));

describe("the CRM's verdict and the disposition report", () => {
  it("counts leads, contacts, dispositions and deals per first-touch channel, source and campaign", async () => {
    const site = await createSite();
    const admin = await dashboardSession("test-admin-token");
    for (const lead of LEADS) {
      const id = await sendLead(site.id, lead);
      if (lead.byForm) {
        expect((await admin.post(`/dashboard/profiles/${id}/verdict?site=${site.id}`, formOf(lead))).status).toBe(303);
      } else if (lead.disposition || lead.deal || lead.contacted) {
        const body = { ...(lead.disposition ? { disposition: lead.disposition } : {}), ...(lead.deal ? { deal: lead.deal } : {}), ...(lead.contacted ? { contacted: true } : {}) };
        expect((await api(`/api/v1/profiles/${id}`, { method: "PATCH", body: JSON.stringify(body) })).status).toBe(200);
      }
    }
    // Visitors who never became leads are not counted, whatever their source.
    await deliver([{ v: 1, events: [collectedEvent({ site: site.id, anonymous_id: uid("v"), touch: GOOGLE_BRAND }), collectedEvent({ site: site.id, anonymous_id: uid("v"), touch: LINKEDIN })] }]);

    const recent = LEADS.filter((l) => l.daysAgo <= 30);
    const range = `from=${new Date(Date.now() - 30 * DAY).toISOString()}&to=${new Date(Date.now() + DAY).toISOString()}`;
    const cases: [string, string, Lead[], (t: Touch) => string][] = [
      ["channel", range, recent, (t) => t.channel],
      ["source", range, recent, (t) => t.source ?? "(direct)"],
      ["campaign", range, recent, (t) => t.campaign ?? "(not set)"],
      ["source", "", LEADS, (t) => t.source ?? "(direct)"],
    ];
    for (const [groupBy, query, leads, key] of cases) {
      const res = await api(`/api/v1/reports/dispositions?site=${site.id}&group_by=${groupBy}&${query}`);
      expect(res.status).toBe(200);
      expect(res.body.group_by).toBe(groupBy);
      const expected = handCount(leads, key);
      expect(byKey(res.body.rows)).toEqual(byKey(expected));
      expect(res.body.rows.map((r: { leads: number }) => r.leads)).toEqual([...res.body.rows.map((r: { leads: number }) => r.leads)].sort((a, b) => b - a));
      const junk = leads.filter((l) => l.disposition === "junk").length;
      expect(res.body.totals).toMatchObject({ leads: leads.length, junk, junk_share: Math.round((junk / leads.length) * 1e6) / 1e6 });
    }
    // google brings junk: half of its recent leads by source; the newsletter brings revenue.
    const bySource = (await api(`/api/v1/reports/dispositions?site=${site.id}&group_by=source&${range}`)).body.rows;
    expect(bySource.find((r: { key: string }) => r.key === "linkedin").junk_share).toBe(1);
    expect(bySource.find((r: { key: string }) => r.key === "google").revenue).toEqual({ EUR: 12000, USD: 800.5 });
  });

  it("validates the report's query and keeps a read key to its own site", async () => {
    const [mine, other] = [await createSite(), await createSite()];
    const bad = await api(`/api/v1/reports/dispositions?site=${mine.id}&group_by=medium&from=yesterday`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["from", "group_by"]);
    expect((await api(`/api/v1/reports/dispositions?site=${mine.id}`, { token: mine.read_key })).status).toBe(200);
    expect((await api(`/api/v1/reports/dispositions?site=${other.id}`, { token: mine.read_key })).status).toBe(403);
    const empty = await api(`/api/v1/reports/dispositions?site=${mine.id}`);
    expect(empty.body).toMatchObject({ rows: [], totals: { leads: 0, junk_share: null, revenue: {} } });
  });

  it("shows the verdict on the profile page and saves the admin's form through PATCH's service", async () => {
    const site = await createSite();
    const id = await sendLead(site.id, { touch: NEWSLETTER, daysAgo: 0 });
    const admin = await dashboardSession("test-admin-token");
    const before = await admin.get(`/dashboard/profiles/${id}`);
    expect(before.status).toBe(200);
    expect(before.body).toContain('data-disposition=""');
    expect(before.body).toContain("not yet");

    const saved = await admin.post(`/dashboard/profiles/${id}/verdict?site=${site.id}`, { contacted: "true", disposition: "won", deal_amount: "12000", deal_currency: "usd" });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toContain("notice=verdict");
    const profile = (await api(`/api/v1/profiles/${id}`)).body;
    expect(profile).toMatchObject({ disposition: "won", deal: { amount: 12000, currency: "USD" } });
    expect(Date.parse(profile.contacted_at)).toBeGreaterThan(Date.now() - 60_000);
    const page = (await admin.get(`/dashboard/profiles/${id}`)).body;
    expect(page).toContain('data-disposition="won"');
    expect(page).toContain('data-deal-amount="12000" data-deal-currency="USD"');
    expect(page).toContain("12,000.00 USD");
    expect(page).toContain(`data-contacted-at="${profile.contacted_at}"`);

    // Saving again keeps the first contact's time; clearing the form clears the verdict.
    await admin.post(`/dashboard/profiles/${id}/verdict?site=${site.id}`, { contacted: "true", disposition: "lost", deal_amount: "", deal_currency: "" });
    expect((await api(`/api/v1/profiles/${id}`)).body).toMatchObject({ disposition: "lost", deal: null, contacted_at: profile.contacted_at });
    await admin.post(`/dashboard/profiles/${id}/verdict?site=${site.id}`, { disposition: "", deal_amount: "", deal_currency: "" });
    expect((await api(`/api/v1/profiles/${id}`)).body).toMatchObject({ disposition: null, deal: null, contacted_at: null });
  });

  it.each([
    ["an unknown disposition", { disposition: "maybe", deal_amount: "", deal_currency: "" }, ["disposition"]],
    ["an amount that is not a number", { disposition: "won", deal_amount: "lots", deal_currency: "EUR" }, ["deal.amount"]],
    ["a deal without a currency", { disposition: "won", deal_amount: "100", deal_currency: "" }, ["deal.currency"]],
    ["a currency that is not ISO 4217", { disposition: "won", deal_amount: "100", deal_currency: "euros" }, ["deal.currency"]],
  ])("brings the form back with the problem for %s (400), and saves nothing", async (_what, form, paths) => {
    const site = await createSite();
    const id = await sendLead(site.id, { touch: DIRECT, daysAgo: 0 });
    const before = (await api(`/api/v1/profiles/${id}`)).body;
    const admin = await dashboardSession("test-admin-token");
    const res = await admin.post(`/dashboard/profiles/${id}/verdict?site=${site.id}`, form);
    expect(res.status).toBe(400);
    for (const path of paths) expect(res.body).toContain(`data-issue-path="${path}"`);
    if (form.deal_amount) expect(res.body).toContain(`value="${form.deal_amount}"`);
    const after = (await api(`/api/v1/profiles/${id}`)).body;
    expect(after.updated_at).toBe(before.updated_at);
    expect(after).toMatchObject({ disposition: null, deal: null });
  });

  it("keeps the form from a read key's session", async () => {
    const site = await createSite();
    const id = await sendLead(site.id, { touch: DIRECT, daysAgo: 0 });
    const reader = await dashboardSession(site.read_key);
    const page = await reader.get(`/dashboard/profiles/${id}`);
    expect(page.body).toContain('id="verdict"');
    expect(page.body).not.toContain("/verdict");
    expect((await reader.post(`/dashboard/profiles/${id}/verdict?site=${site.id}`, { disposition: "junk" })).status).toBe(403);
    expect((await api(`/api/v1/profiles/${id}`)).body.disposition).toBeNull();
  });
});
