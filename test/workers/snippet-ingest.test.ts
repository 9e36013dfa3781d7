// What the collector does for the snippet's bytes: names form fields sent under their hints, classifies link clicks,
// stores cleaned URLs and cuts long titles.
import { describe, expect, it } from "vitest";
import { api, collect, createSite, dbOf, eventually, profileOf, uid, wirePageview } from "./support";

async function eventsOf(site: string, a: string, n: number) {
  const profile = await eventually(async () => {
    const p = await profileOf(site, a);
    return p && p.counts.events >= n ? p : null;
  });
  const events = await api(`/api/v1/profiles/${profile.id}/events`);
  return { profile, events: events.body.data as { id: string; type: string; name: string | null; url: string; title: string | null; traits: Record<string, unknown> }[] };
}

describe("form fields sent under their hints", () => {
  it("become traits on the profile; unnamed hints are dropped", async () => {
    const site = await createSite();
    const a = uid("anon");
    const form = {
      k: "form", id: uid("e"), t: Date.now(), u: "https://example.com/demo", n: "demo-request",
      p: { form_ms: 12_000 },
      tr: { "?email email work_email": "ada@lovelace.example", "? text company": "Analytical Engines", "? text favourite_colour": "teal", colour: "teal" },
    };
    expect((await collect({ s: site.id, a, e: [form] })).status).toBe(202);
    const { profile, events } = await eventsOf(site.id, a, 1);
    expect(profile.email).toBe("ada@lovelace.example");
    expect(profile.traits).toMatchObject({ email: "ada@lovelace.example", company: "Analytical Engines", colour: "teal" });
    expect(Object.keys(events[0]!.traits).sort()).toEqual(["colour", "company", "email"]);
  });
});

describe("link clicks sent as click", () => {
  it("are stored as outbound, download, mailto or tel; a link within the site is dropped and counted", async () => {
    const site = await createSite();
    const a = uid("anon");
    const click = (n: string) => ({ k: "click", id: uid("e"), t: Date.now(), u: "https://example.com/links", n });
    const res = await collect({
      s: site.id, a,
      e: [wirePageview({ u: "https://example.com/links" }), click("https://partner.example/"), click("https://example.com/guide.pdf"), click("mailto:sales@example.com"), click("https://example.com/about.html"), click("javascript:void 0")],
    });
    expect(res.body.accepted).toBe(4);
    const { events } = await eventsOf(site.id, a, 4);
    expect(events.map((e) => [e.type, e.name]).sort()).toEqual([
      ["download", "https://example.com/guide.pdf"], ["mailto", "mailto:sales@example.com"], ["outbound", "https://partner.example/"], ["pageview", null],
    ]);
    const stats = await eventually(async () => {
      const s = await api(`/api/v1/stats?site=${site.id}`);
      return s.body.dropped.internal_link === 2 ? s : null;
    });
    expect(stats!.body.events_accepted).toBe(4);
  });
});

describe("stored URLs and titles", () => {
  it("keep path and campaign, not a GET form's name and e-mail, in the event and the first touch", async () => {
    const site = await createSite();
    const a = uid("anon");
    const u = "https://example.com/thanks?utm_source=newsletter&name=Ada+Lovelace&email=ada%40lovelace.example";
    await collect({ s: site.id, a, e: [wirePageview({ u, ti: "T".repeat(600) })] });
    const { profile, events } = await eventsOf(site.id, a, 1);
    expect(events[0]!.url).toBe("https://example.com/thanks?utm_source=newsletter");
    expect(events[0]!.title).toBe("T".repeat(512));
    expect(profile.first_touch).toMatchObject({ source: "newsletter", landing_page: "https://example.com/thanks?utm_source=newsletter" });
    const rows = await (await dbOf(site)).prepare("SELECT url, data FROM events WHERE id = ?1").bind(events[0]!.id).all();
    expect(rows.results).toHaveLength(1);
    expect(JSON.stringify(rows.results)).not.toMatch(/lovelace|Ada/);
  });
});
