// The dashboard and the JSON API answer an attribution question with the same numbers, because both call the same
// service — even past 500 campaign keys, where exact Markov folds the least-used keys into "(other)".
import { describe, expect, it } from "vitest";
import { api, collectedEvent, createSite, deliver, uid } from "./support";

const DAY = 86_400_000;

/** Signs in to the dashboard with the admin token; the session cookie. */
async function dashboardCookie(): Promise<string> {
  const res = await api("/dashboard/sign-in", {
    method: "POST", token: null, redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://pista.test" },
    body: new URLSearchParams({ token: "test-admin-token" }).toString(),
  });
  return /pista_dashboard=([^;]+)/.exec(res.headers.get("set-cookie") ?? "")![1]!;
}

/** The credits table of the dashboard's attribution page: key → conversions. */
function creditsOf(html: string): Record<string, number> {
  const table = html.slice(html.indexOf('id="credits-table"'), html.indexOf("</table>", html.indexOf('id="credits-table"')));
  return Object.fromEntries([...table.matchAll(/<tr data-key="([^"]*)">[\s\S]*?data-conversions="([^"]+)"/g)].map((m) => [m[1]!.replaceAll("&amp;", "&").replaceAll("&quot;", '"'), Number(m[2])]));
}

describe("attribution on the dashboard and through the API", () => {
  it("credits 600 campaigns identically under every model", async () => {
    const site = await createSite();
    const start = Date.now() - 20 * DAY;
    const events = [];
    for (let i = 0; i < 600; i++) {
      const a = uid("a");
      const touch = (campaign: string) => ({ channel: "Paid Search", source: "google", medium: "cpc", campaign, term: null, content: null, referrer: null, landing_page: "https://example.com/", click_id: null });
      // Two sessions a day apart, each from a campaign; two in three identify (a lead), the rest do not (Markov reads them).
      events.push(collectedEvent({ site: site.id, anonymous_id: a, at: start + i * 1000, touch: touch(`c${i}`) }));
      events.push(collectedEvent({ site: site.id, anonymous_id: a, at: start + DAY + i * 1000, touch: touch(`c${(i * 7) % 600}`) }));
      if (i % 3) events.push(collectedEvent({ site: site.id, anonymous_id: a, at: start + DAY + i * 1000 + 10, type: "identify", traits: { email: `${a}@acme-corp.com` }, touch: null }));
    }
    for (let i = 0; i < events.length; i += 200) await deliver([{ v: 1, events: events.slice(i, i + 200) }]);
    const cookie = await dashboardCookie();
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const [from, to] = [day(start - DAY), day(Date.now())];
    for (const model of ["last_touch", "linear", "markov", "shapley"]) {
      const fromApi = await api(`/api/v1/attribution?site=${site.id}&model=${model}&group_by=campaign&from=${from}T00:00:00.000Z&to=${to}T23:59:59.999Z`);
      expect(fromApi.status).toBe(200);
      expect(fromApi.body.total_conversions).toBe(400);
      const page = await api(`/dashboard/attribution?site=${site.id}&model=${model}&group_by=campaign&from=${from}&to=${to}`, { token: null, headers: { cookie: `pista_dashboard=${cookie}` } });
      expect(page.status).toBe(200);
      const shown = creditsOf(String(page.body));
      expect(shown, model).toEqual(Object.fromEntries(fromApi.body.rows.map((r: { key: string; conversions: number }) => [r.key, r.conversions])));
      if (model === "markov") expect(Object.keys(shown)).toContain("(other)");
    }
  });
});
