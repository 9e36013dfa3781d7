// The lists a sales team works: hottest first by the score as of the request (no cron), paged both ways, every
// filter of GET /api/v1/profiles, and the dashboard's leads views with their CSV, through the real consumer and D1.
import { describe, expect, it } from "vitest";
import type { CollectedEvent } from "../../schema/event";
import { dashboardSession } from "./dashboard-support";
import { api, collectedEvent, createSite, deliver, uid } from "./support";

const DAY = 86_400_000;
type Touch = CollectedEvent["touch"];
type Row = { id: string; score: number; email: string | null; anonymous_ids: string[] };

const touch = (channel: string, source: string, medium: string, campaign: string | null = null): Touch => ({
  channel, source, medium, campaign, term: null, content: null, referrer: null, landing_page: "https://example.com/", click_id: null,
});

/** Every row of a list, following next_cursor; also returns the cursors that started each page. */
async function allPages(path: string): Promise<{ rows: Row[]; pages: Row[][]; prevs: (string | null)[] }> {
  const pages: Row[][] = [];
  const prevs: (string | null)[] = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: { data: Row[]; next_cursor: string | null; prev_cursor: string | null } } = await api(`${path}${cursor ? `&cursor=${cursor}` : ""}`);
    expect(res.status).toBe(200);
    pages.push(res.body.data);
    prevs.push(res.body.prev_cursor);
    cursor = res.body.next_cursor;
  } while (cursor);
  return { rows: pages.flat(), pages, prevs };
}

describe("hottest first, exactly, with no scheduled job", () => {
  /**
   * 24 people whose last events are 0 to 92 days old, with different amounts of interest; one hammered pricing 40
   * times in a day (the rule's daily cap holds it to +20), one only looked at jobs (a negative score).
   */
  async function siteOfMixedHeat() {
    const { id: site } = await createSite();
    const now = Date.now();
    const events: CollectedEvent[] = [];
    for (let i = 0; i < 24; i++) {
      const a = uid(`heat${i}`);
      const at = now - ((i * 37) % 93) * DAY - i * 1000;
      const pages = ["/", "/pricing", "/compare/a-vs-b", "/case-studies/acme", "/features"].slice(0, 1 + (i % 5));
      pages.forEach((path, n) => events.push(collectedEvent({ site, anonymous_id: a, at: at + n * 1000, url: `https://example.com${path}` })));
      if (i % 4 === 0) events.push(collectedEvent({ site, anonymous_id: a, at: at + 9000, type: "form", name: "newsletter", traits: { email: `${a}@corp-${i}.com` } }));
    }
    const capped = uid("capped");
    for (let n = 0; n < 40; n++) events.push(collectedEvent({ site, anonymous_id: capped, at: now - 3 * DAY + n * 60_000, url: "https://example.com/pricing" }));
    const candidate = uid("jobs");
    events.push(collectedEvent({ site, anonymous_id: candidate, at: now - DAY, url: "https://example.com/careers" }));
    await deliver([{ v: 1, events }]);
    return { site, capped, candidate };
  }

  it("orders every page by the score it shows, pages back to the same pages, and min_score agrees", async () => {
    const { site, capped, candidate } = await siteOfMixedHeat();
    const { rows, pages, prevs } = await allPages(`/api/v1/profiles?site=${site}&sort=score&limit=5`);
    expect(rows).toHaveLength(26);
    expect(pages.length).toBeGreaterThan(3);
    const scores = rows.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(new Set(rows.map((r) => r.id)).size).toBe(26);

    // the capped rule: 40 pricing views in a day award +20 from visited_pricing, not +400
    const hammer = rows.find((r) => r.anonymous_ids.includes(capped))!;
    const detail = (await api(`/api/v1/profiles/${hammer.id}`)).body;
    const pricing = detail.score_breakdown.find((b: { rule: string }) => b.rule === "visited_pricing");
    expect(pricing).toMatchObject({ hits: 40, awarded: 20 });
    expect(Math.abs(detail.score - hammer.score)).toBeLessThan(0.01);
    // the candidate who only looked at jobs scores below zero and comes last
    expect(rows[rows.length - 1]!.anonymous_ids).toContain(candidate);
    expect(rows[rows.length - 1]!.score).toBeLessThan(0);

    // previous pages are the same pages, in the same order
    expect(prevs[0]).toBeNull();
    for (let i = pages.length - 1; i > 0; i--) {
      const back = await api(`/api/v1/profiles?site=${site}&sort=score&limit=5&before=${prevs[i]}`);
      expect(back.status).toBe(200);
      expect(back.body.data.map((r: Row) => r.id)).toEqual(pages[i - 1]!.map((r) => r.id));
      expect(back.body.prev_cursor === null).toBe(i === 1);
    }

    // min_score keeps exactly the rows shown at or above it, whatever their age
    for (const cut of [scores[3]!, scores[10]!, 0]) {
      const kept = (await allPages(`/api/v1/profiles?site=${site}&sort=score&limit=7&min_score=${cut}`)).rows;
      expect(kept.map((r) => r.id)).toEqual(rows.filter((r) => r.score >= cut - 0.005).map((r) => r.id));
    }
  });

  it("refuses before without sort=score, or with a cursor, and a cursor that is not one", async () => {
    const { id: site } = await createSite();
    const before = (await api(`/api/v1/profiles?site=${site}&before=abc`));
    expect(before.status).toBe(400);
    expect(before.body.error.issues[0].path).toBe("before");
    expect((await api(`/api/v1/profiles?site=${site}&sort=score&before=abc&cursor=abc`)).status).toBe(400);
    const bad = await api(`/api/v1/profiles?site=${site}&sort=score&before=not-a-cursor`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues[0].path).toBe("before");
  });
});

describe("every filter of the list", () => {
  async function population() {
    const { id: site } = await createSite();
    const now = Date.now();
    const people = {
      ada: uid("ada"), grace: uid("grace"), junk: uid("junk"), anon: uid("anon"), old: uid("old"),
    };
    const google = touch("Paid Search", "google", "cpc", "spring-launch");
    const linkedin = touch("Paid Social", "linkedin", "paid_social", "abm-q2");
    await deliver([{ v: 1, events: [
      collectedEvent({ site, anonymous_id: people.ada, at: now - 2 * DAY, touch: google, url: "https://example.com/pricing" }),
      collectedEvent({ site, anonymous_id: people.ada, at: now - 2 * DAY + 1000, type: "identify", traits: { email: "ada@analytical.io", name: "Ada Lovelace", company: "Analytical Engines" } }),
      collectedEvent({ site, anonymous_id: people.grace, at: now - 20 * DAY, touch: linkedin }),
      collectedEvent({ site, anonymous_id: people.grace, at: now - DAY, type: "identify", traits: { email: "grace@navy.mil", name: "Grace Hopper", company: "US Navy" } }),
      collectedEvent({ site, anonymous_id: people.junk, at: now - 3 * DAY, touch: google, type: "identify", traits: { email: "x@mailinator.com" } }),
      collectedEvent({ site, anonymous_id: people.anon, at: now - 4 * DAY, touch: linkedin, url: "https://example.com/pricing" }),
      collectedEvent({ site, anonymous_id: people.old, at: now - 60 * DAY }),
    ] }]);
    const all = (await api(`/api/v1/profiles?site=${site}&sort=score`)).body.data as Row[];
    const idOf = (a: string) => all.find((r) => r.anonymous_ids.includes(a))!.id;
    return { site, now, ids: Object.fromEntries(Object.entries(people).map(([k, a]) => [k, idOf(a)])) as Record<keyof typeof people, string> };
  }

  it("filters by search, quality, identified, first touch, dates and owner, alone and together", async () => {
    const { site, now, ids } = await population();
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const cases: [string, (keyof typeof ids)[]][] = [
      ["q=LOVELACE", ["ada"]],
      ["q=navy", ["grace"]],
      ["q=analytical%20eng", ["ada"]],
      ["q=%25", []],
      ["quality=junk", ["junk"]],
      ["quality=valid,suspect&identified=true", ["ada", "grace"]],
      ["identified=false", ["anon", "old"]],
      ["channel=Paid%20Search", ["ada", "junk"]],
      ["source=linkedin", ["grace", "anon"]],
      ["campaign=spring-launch&identified=true", ["ada", "junk"]],
      [`first_seen_from=${day(now - 10 * DAY)}`, ["ada", "junk", "anon"]],
      [`first_seen_to=${day(now - 10 * DAY)}`, ["grace", "old"]],
      [`last_seen_from=${day(now - 2 * DAY)}`, ["ada", "grace"]],
      [`last_seen_to=${new Date(now - 30 * DAY).toISOString()}`, ["old"]],
      ["owner=none&identified=true&quality=valid", ["ada", "grace"]],
    ];
    for (const [query, expected] of cases) {
      const res = await api(`/api/v1/profiles?site=${site}&sort=score&${query}`);
      expect(res.status, query).toBe(200);
      expect(res.body.data.map((r: Row) => r.id).sort(), query).toEqual(expected.map((k) => ids[k]).sort());
    }
  });

  it("answers a filter it cannot read with a 400 naming it", async () => {
    const { id: site } = await createSite();
    for (const [query, path] of [["quality=great", "quality"], ["identified=yes", "identified"], ["first_seen_from=last%20week", "first_seen_from"], ["min_score=hot", "min_score"]]) {
      const res = await api(`/api/v1/profiles?site=${site}&${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.issues.map((i: { path: string }) => i.path.split(".")[0]), query).toContain(path);
    }
  });
});

describe("the dashboard's leads views", () => {
  async function siteWithPeopleAndVisitors() {
    const site = await createSite();
    const events: CollectedEvent[] = [];
    const people: string[] = [];
    const now = Date.now();
    for (let i = 0; i < 60; i++) {
      const a = uid(`p${i}`);
      people.push(a);
      events.push(collectedEvent({ site: site.id, anonymous_id: a, at: now - (i % 9) * DAY, url: i % 3 ? "https://example.com/pricing" : "https://example.com/" }));
      if (i % 2 === 0) events.push(collectedEvent({ site: site.id, anonymous_id: a, at: now - (i % 9) * DAY + 1000, type: "identify", traits: { email: `lead${i}@firm${i}.com`, name: `Lead ${i}` } }));
    }
    // a hot junk lead: a disposable address on a visitor who viewed pricing many times
    const junk = uid("junk");
    for (let n = 0; n < 6; n++) events.push(collectedEvent({ site: site.id, anonymous_id: junk, at: now - n * 1000, url: "https://example.com/pricing" }));
    events.push(collectedEvent({ site: site.id, anonymous_id: junk, at: now, type: "identify", traits: { email: "junk@mailinator.com" } }));
    await deliver([{ v: 1, events }]);
    return site;
  }

  const idsOfPage = (html: string) => [...html.matchAll(/<tr data-profile="([^"]+)"/g)].map((m) => m[1]!);
  const link = (html: string, rel: string) => {
    const m = new RegExp(`<a href="([^"]+)" rel="${rel}"`).exec(html);
    return m ? m[1]!.replaceAll("&amp;", "&") : null;
  };

  it("shows identified, non-junk people hottest first by default, hot visitors in their own view, and pages both ways", async () => {
    const site = await siteWithPeopleAndVisitors();
    const admin = await dashboardSession("test-admin-token");
    const identified = (await allPages(`/api/v1/profiles?site=${site.id}&sort=score&identified=true&quality=valid,suspect&limit=100`)).rows;
    expect(identified).toHaveLength(30);

    const seen: string[] = [];
    let path: string | null = `/dashboard/leads?site=${site.id}`;
    const pages: string[] = [];
    while (path) {
      const res = await admin.get(path);
      expect(res.status).toBe(200);
      pages.push(path);
      seen.push(...idsOfPage(res.body));
      path = link(res.body, "next");
    }
    expect(seen).toEqual(identified.map((r) => r.id));
    expect(pages).toHaveLength(2);
    const last = await admin.get(pages[pages.length - 1]!);
    const back = link(last.body, "prev");
    expect(back).not.toBeNull();
    expect(idsOfPage((await admin.get(back!)).body)).toEqual(seen.slice(0, 25));

    const visitors = await admin.get(`/dashboard/leads?site=${site.id}&view=visitors`);
    const anonymous = (await allPages(`/api/v1/profiles?site=${site.id}&sort=score&identified=false&quality=valid,suspect&limit=100`)).rows;
    expect(idsOfPage(visitors.body)).toEqual(anonymous.slice(0, 25).map((r) => r.id));
    expect(visitors.body).toContain('aria-current="page" data-view="visitors"');
    expect(visitors.body).toContain("— unknown fit");

    const everyone = await admin.get(`/dashboard/leads?site=${site.id}&view=everyone&quality=junk`);
    expect(idsOfPage(everyone.body)).toHaveLength(1);
    expect(everyone.body).toContain("junk@mailinator.com");
  });

  it("downloads exactly the current view as CSV, from its first row, whatever page it is on", async () => {
    const site = await siteWithPeopleAndVisitors();
    const admin = await dashboardSession("test-admin-token");
    for (const query of ["", "&view=visitors", "&view=everyone&min_score=5", "&q=lead1&stage=lead", "&view=everyone&quality=any&channel=Direct"]) {
      const shown: string[] = [];
      let path: string | null = `/dashboard/leads?site=${site.id}${query}`;
      while (path) {
        const res = await admin.get(path);
        shown.push(...idsOfPage(res.body));
        path = link(res.body, "next");
      }
      const page = (await admin.get(`/dashboard/leads?site=${site.id}${query}`)).body;
      const csvHref = /<a href="([^"]+)" download/.exec(page)![1]!.replaceAll("&amp;", "&");
      const csv = await admin.get(csvHref);
      expect(csv.status).toBe(200);
      expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      const ids = csv.body.trim().split("\r\n").slice(1).map((line) => line.split(",")[0]!.replaceAll('"', ""));
      expect(ids, query).toEqual(shown);
    }
  });

  it("serves a read key's session its own site only, and nobody without a session", async () => {
    const [site, other] = [await siteWithPeopleAndVisitors(), await createSite()];
    const reader = await dashboardSession(site.read_key);
    expect((await reader.get(`/dashboard/leads.csv?site=${site.id}`)).status).toBe(200);
    expect((await reader.get(`/dashboard/leads.csv?site=${other.id}`)).status).toBe(403);
    const anonymous = await api(`/dashboard/leads.csv?site=${site.id}`, { token: null, redirect: "manual" });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toMatch(/^\/dashboard\/sign-in/);
  });
});

describe("a profile's page", () => {
  it("marks each conversion in its session and shows each touch's credit under the chosen model, with the score's scale", async () => {
    const site = await createSite();
    const a = uid("journey");
    const now = Date.now();
    await deliver([{ v: 1, events: [
      collectedEvent({ site: site.id, anonymous_id: a, at: now - 5 * DAY, touch: touch("Paid Search", "google", "cpc", "spring") }),
      collectedEvent({ site: site.id, anonymous_id: a, at: now - 3 * DAY, touch: touch("Email", "newsletter", "email", "march") }),
      collectedEvent({ site: site.id, anonymous_id: a, at: now - 3 * DAY + 60_000, type: "identify", touch: touch("Email", "newsletter", "email", "march"), traits: { email: "journey@buyer-firm.com" } }),
      collectedEvent({ site: site.id, anonymous_id: a, at: now - DAY, touch: touch("Direct", "(direct)", "(none)") }),
    ] }]);
    const profile = (await api(`/api/v1/profiles?site=${site.id}&anonymous_id=${a}`)).body.data[0];
    const admin = await dashboardSession("test-admin-token");
    const credits = async (model: string) => {
      const html = (await admin.get(`/dashboard/profiles/${profile.id}?site=${site.id}&model=${model}&conversion=lead`)).body;
      return { html, credit: [...html.matchAll(/data-credit="([^"]+)"/g)].map((m) => Number(m[1])) };
    };
    const linear = await credits("linear");
    expect(linear.credit).toEqual([0.5, 0.5, 0]);
    // the lead conversion sits right after the Email session's row
    expect(linear.html).toMatch(/<tr data-touch="1">[\s\S]*?<\/tr><tr class="conversion" data-conversion="lead">/);
    expect(linear.html).toContain('id="score-scale"');
    expect(linear.html).toContain("A lead becomes an mql at 50");
    expect((await credits("first_touch")).credit).toEqual([1, 0, 0]);
    expect((await credits("last_non_direct")).credit).toEqual([0, 1, 0]);
    // the report for the same question credits the same channels
    const report = (await api(`/api/v1/attribution?site=${site.id}&model=linear&conversion=lead`)).body;
    expect(Object.fromEntries(report.rows.map((r: { key: string; conversions: number }) => [r.key, r.conversions]))).toEqual({ "Paid Search": 0.5, Email: 0.5 });
  });
});
