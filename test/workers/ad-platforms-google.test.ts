// GET /api/v1/exports/google-ads.csv through the real app: a gclid clicked by an anonymous visitor reaches the file
// once that visitor turns out to be a known person (the merge moves the touch), each stage reached is one row at the
// time it was first reached, the deal rides on the customer row, people who refused marketing are left out, and
// Google Ads' scheduled upload can fetch it with the read key as an HTTP Basic password.
import { describe, expect, it } from "vitest";
import type { CollectedEvent } from "../../schema/event";
import { api, collect, collectedEvent, createSite, dbOf, deliver, eventually, profileOf, uid, wirePageview } from "./support";

const MIN = 60_000;

function gclidLanding(site: string, anonymousId: string, gclid: string, at: number): CollectedEvent {
  const url = `https://example.com/?gclid=${gclid}`;
  return collectedEvent({
    site, anonymous_id: anonymousId, at, url,
    touch: { channel: "Paid Search", source: "google", medium: "cpc", campaign: null, term: null, content: null, referrer: null, landing_page: "https://example.com/", click_id: "gclid", click_id_value: gclid },
  });
}

const identify = (site: string, anonymousId: string, email: string, at: number, o: Partial<CollectedEvent> = {}) =>
  collectedEvent({ site, anonymous_id: anonymousId, at, type: "identify", url: null, path: null, touch: null, traits: { email }, ...o });

const csvRows = (text: string) => text.trimEnd().split("\r\n").slice(2).map((line) => line.split(","));

async function exportOf(site: string, query = "", init: { token?: string | null; headers?: Record<string, string> } = {}) {
  return api<string>(`/api/v1/exports/google-ads.csv?site=${site}${query}`, init);
}

describe("the Google Ads offline conversion file", () => {
  it("carries a gclid clicked anonymously before a merge, one row per stage at its first time, the deal on the customer row", async () => {
    const site = await createSite();
    const t0 = Date.now() - 30 * MIN;
    const gclid = `Cj0KCQ${uid("g")}`;
    const email = `${uid("ana")}@northwind-test.com`;
    // A phone: an anonymous ad click. A laptop: the person fills a form (lead). Later the phone is signed in by the
    // site's server (Segment, trusted): one person, the phone's profile merged.
    await deliver([{ v: 1, events: [gclidLanding(site.id, "phone", gclid, t0)] }]);
    await deliver([{ v: 1, events: [identify(site.id, "laptop", email, t0 + MIN)] }]);
    await deliver([{ v: 1, events: [identify(site.id, "phone", email, t0 + 2 * MIN, { origin: "segment", trust: "server" })] }]);
    const person = await profileOf(site.id, "phone");
    expect((await profileOf(site.id, "laptop")).id).toBe(person.id);
    // No row of the merged-away profile is left behind: its touch belongs to the survivor now.
    const touches = await (await dbOf(site)).prepare("SELECT profile_id, click_id, click_id_value FROM touches WHERE site = ?1 AND click_id = 'gclid'").bind(site.id).all();
    expect(touches.results).toEqual([{ profile_id: person.id, click_id: "gclid", click_id_value: gclid }]);

    expect((await api(`/api/v1/profiles/${person.id}`, { method: "PATCH", body: JSON.stringify({ stage: "sql" }) })).status).toBe(200);
    const won = await api(`/api/v1/profiles/${person.id}`, { method: "PATCH", body: JSON.stringify({ stage: "customer", deal: { amount: 4800, currency: "eur" } }) });
    expect(won.status).toBe(200);
    const reached = await (await dbOf(site)).prepare("SELECT kind, MIN(at) AS at FROM conversions WHERE profile_id = ?1 GROUP BY kind").bind(person.id).all<{ kind: string; at: number }>();
    const at = Object.fromEntries(reached.results.map((r) => [r.kind, r.at]));

    const res = await exportOf(site.id, "&stages=lead,sql,customer&name_customer=Closed%20won");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const [parameters, header] = res.body.split("\r\n");
    expect(parameters).toBe("Parameters:TimeZone=+0000");
    expect(header).toBe("Google Click ID,Conversion Name,Conversion Time,Conversion Value,Conversion Currency");
    const time = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");
    expect(csvRows(res.body)).toEqual([
      [gclid, "Pista lead", time(at.lead!), "", ""],
      [gclid, "Pista SQL", time(at.sql!), "", ""],
      [gclid, "Closed won", time(at.customer!), "4800", "EUR"],
    ]);
    // Without stages: the qualified ones only (mql, sql, customer).
    expect(csvRows((await exportOf(site.id)).body).map((r) => r[1])).toEqual(["Pista SQL", "Pista customer"]);
  });

  it("leaves out a person who refused marketing, a click after the conversion, and touches stored before click values were kept", async () => {
    const site = await createSite();
    const t0 = Date.now() - 30 * MIN;
    const kept = `Cj0KCQ${uid("kept")}`;
    // Consenting, clicked, then became a lead: in the file.
    await deliver([{ v: 1, events: [gclidLanding(site.id, "ok", kept, t0), identify(site.id, "ok", `${uid("ok")}@acme-test.com`, t0 + MIN)] }]);
    // Clicked and became a lead, but the site's server reported that advertising consent was refused.
    const refusing = `${uid("no")}@acme-test.com`;
    await deliver([{ v: 1, events: [gclidLanding(site.id, "no", `Cj0KCQ${uid("no")}`, t0), identify(site.id, "no", refusing, t0 + MIN)] }]);
    await deliver([{ v: 1, events: [identify(site.id, "no", refusing, t0 + 2 * MIN, { origin: "segment", trust: "server", refused: "consent" })] }]);
    // Became a lead first, clicked an ad later: that click did not bring the lead.
    await deliver([{ v: 1, events: [identify(site.id, "late", `${uid("late")}@acme-test.com`, t0), gclidLanding(site.id, "late", `Cj0KCQ${uid("late")}`, t0 + 5 * MIN)] }]);
    // A touch from before click values were kept: the type is known, the value is not.
    const old = gclidLanding(site.id, "old", "unused", t0);
    await deliver([{ v: 1, events: [{ ...old, touch: { ...old.touch!, click_id_value: undefined } }, identify(site.id, "old", `${uid("old")}@acme-test.com`, t0 + MIN)] }]);
    const rows = csvRows((await exportOf(site.id, "&stages=lead")).body);
    expect(rows).toEqual([[kept, "Pista lead", expect.any(String), "", ""]]);
  });

  it("leaves out a person whose browser later refused through the snippet (the former id with c:1)", async () => {
    const site = await createSite();
    const t0 = Date.now() - 30 * MIN;
    const gclid = `Cj0KCQ${uid("w")}`;
    await deliver([{ v: 1, events: [gclidLanding(site.id, "device", gclid, t0), identify(site.id, "device", `${uid("wd")}@acme-test.com`, t0 + MIN)] }]);
    expect(csvRows((await exportOf(site.id, "&stages=lead")).body).map((r) => r[0])).toEqual([gclid]);
    const person = await profileOf(site.id, "device");
    expect((await collect({ s: site.id, a: "device", c: 1, e: [wirePageview({ k: "engage" })] })).status).toBe(202);
    await eventually(async () => (await api(`/api/v1/profiles/${person.id}`)).body.marketing_refused);
    expect(csvRows((await exportOf(site.id, "&stages=lead")).body)).toEqual([]);
  });

  it("lets Google Ads' scheduled upload in with the read key as the Basic password, any user name", async () => {
    const site = await createSite();
    const other = await createSite();
    const basic = (user: string, password: string) => ({ token: null, headers: { authorization: `Basic ${btoa(`${user}:${password}`)}` } });
    expect((await exportOf(site.id, "", basic("google-ads", site.read_key))).status).toBe(200);
    expect((await exportOf(site.id, "", basic("", site.read_key))).status).toBe(200);
    expect((await exportOf(site.id, "", { token: site.read_key })).status).toBe(200);
    const wrong = await exportOf(site.id, "", basic("google-ads", "rk_wrong"));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toContain("Basic");
    const none = await exportOf(site.id, "", { token: null });
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Basic");
    expect((await exportOf(site.id, "", basic("x", other.read_key))).status).toBe(403);
    // Basic is for the exports only: the rest of the API still wants a bearer token.
    expect((await api(`/api/v1/profiles?site=${site.id}`, basic("x", site.read_key))).status).toBe(401);
  });

  it("answers 400 with the issue's path for a stage it does not know or a bad window", async () => {
    const site = await createSite();
    const bad = await exportOf(site.id, "&stages=mql,won");
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { issues: [expect.objectContaining({ path: "stages.1" })] } });
    const days = await exportOf(site.id, "&days=365");
    expect(days.status).toBe(400);
    expect(days.body).toMatchObject({ error: { issues: [expect.objectContaining({ path: "days" })] } });
  });
});
