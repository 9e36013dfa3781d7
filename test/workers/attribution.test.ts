// Attribution through D1: SQL-aggregated journeys give the same credits as the pure journey builder over raw rows.
import { beforeAll, describe, expect, it } from "vitest";
import { attribute, journeysOf, MODELS, type Journey } from "../../worker/core/attribution";
import { seededRandom } from "../support/seeded-random";
import { api, collectedEvent, createSite, dbOf, deliver, uid } from "./support";

const DAY = 86_400_000;
const CHANNELS = [
  { channel: "Organic Search", source: "google", medium: "organic", campaign: null },
  { channel: "Email", source: "newsletter", medium: "email", campaign: "autumn" },
  { channel: "Paid Search", source: "google", medium: "cpc", campaign: "brand" },
  { channel: "Direct", source: "(direct)", medium: "(none)", campaign: null },
  { channel: "Organic Social", source: "linkedin", medium: "referral", campaign: null },
];

function touch(i: number) {
  const c = CHANNELS[i % CHANNELS.length]!;
  return { ...c, term: null, content: null, referrer: null, landing_page: "https://example.com/", click_id: null };
}

let site: string;
const start = Date.now() - 60 * DAY;

beforeAll(async () => {
  site = (await createSite()).id;
  const random = seededRandom(7);
  const events = [];
  for (let v = 0; v < 60; v++) {
    const a = uid("anon");
    let at = start + Math.floor(random() * 20) * DAY;
    const sessions = 1 + Math.floor(random() * 4);
    for (let s = 0; s < sessions; s++) {
      events.push(collectedEvent({ site, anonymous_id: a, at, touch: touch(Math.floor(random() * 5)) }));
      at += Math.floor(1 + random() * 3) * DAY;
    }
    if (random() < 0.6) events.push(collectedEvent({ site, anonymous_id: a, at, type: "identify", traits: { email: `v${v}@corp${v}.io` }, url: null }));
    if (random() < 0.4) events.push(collectedEvent({ site, anonymous_id: a, at: at + 1000, type: "track", name: "purchase", props: { value: 100 + v }, url: null }));
    // Touches after a conversion belong to the next one (or to the non-converting tail).
    if (random() < 0.5) events.push(collectedEvent({ site, anonymous_id: a, at: at + DAY, touch: touch(v) }));
  }
  for (let i = 0; i < events.length; i += 50) await deliver([{ v: 1, events: events.slice(i, i + 50) }]);
});

async function rawJourneys(conversion: string, groupBy: "channel" | "source" | "campaign"): Promise<Journey[]> {
  const db = await dbOf(site);
  const touches = (await db.prepare("SELECT * FROM touches WHERE site = ?1 ORDER BY at, id").bind(site).all<any>()).results;
  const conversions = (await db.prepare("SELECT * FROM conversions WHERE site = ?1").bind(site).all<any>()).results;
  const key = (t: any) => (groupBy === "channel" ? t.channel : groupBy === "source" ? (t.source ?? "(direct)") : (t.campaign ?? "(not set)"));
  const profiles = new Set(touches.map((t) => t.profile_id as string));
  return [...profiles].flatMap((p) =>
    journeysOf({
      touches: touches.filter((t) => t.profile_id === p).map((t) => ({ key: key(t), channel: t.channel, at: t.at })),
      conversions: conversions
        .filter((c) => c.profile_id === p && (conversion === "lead" ? c.kind === "lead" : c.kind === "event" && c.name === conversion))
        .map((c) => ({ at: c.at, value: c.value })),
    }),
  );
}

describe("GET /api/v1/attribution", () => {
  it.each(MODELS.flatMap((m) => [[m, "channel", "lead"], [m, "source", "purchase"], [m, "campaign", "lead"]] as const))(
    "%s by %s for %s equals the pure model over the raw journeys, and credits add up",
    async (model, groupBy, conversion) => {
      const res = await api(`/api/v1/attribution?site=${site}&model=${model}&group_by=${groupBy}&conversion=${conversion}`);
      expect(res.status).toBe(200);
      const expected = attribute(await rawJourneys(conversion, groupBy), model);
      expect(res.body.total_conversions).toBe(expected.total_conversions);
      expect(res.body.total_conversions).toBeGreaterThan(5);
      const byKey = new Map(res.body.rows.map((r: any) => [r.key, r]));
      for (const row of expected.rows) {
        expect((byKey.get(row.key) as any)?.conversions ?? 0).toBeCloseTo(row.conversions, 5);
        expect((byKey.get(row.key) as any)?.value ?? 0).toBeCloseTo(row.value, 3);
      }
      const sum = res.body.rows.reduce((s: number, r: any) => s + r.conversions, 0);
      expect(sum).toBeCloseTo(res.body.total_conversions, 5);
    },
  );

  it("credits first and last touch as a marketer expects on a two-touch journey", async () => {
    const { id } = await createSite();
    const a = uid("anon");
    const t = Date.now() - 3 * DAY;
    await deliver([{ v: 1, events: [
      collectedEvent({ site: id, anonymous_id: a, at: t, touch: touch(0) }),
      collectedEvent({ site: id, anonymous_id: a, at: t + DAY, touch: touch(1) }),
      collectedEvent({ site: id, anonymous_id: a, at: t + DAY + 1000, type: "identify", traits: { email: "ola@firm.no" }, url: null }),
    ] }]);
    const first = await api(`/api/v1/attribution?site=${id}&model=first_touch`);
    const last = await api(`/api/v1/attribution?site=${id}&model=last_touch`);
    const position = await api(`/api/v1/attribution?site=${id}&model=position_based`);
    // Every channel on a path gets a row; single-touch models give all the credit to one of them.
    expect(first.body.rows).toEqual([{ key: "Organic Search", conversions: 1, value: 0 }, { key: "Email", conversions: 0, value: 0 }]);
    expect(last.body.rows).toEqual([{ key: "Email", conversions: 1, value: 0 }, { key: "Organic Search", conversions: 0, value: 0 }]);
    expect(position.body.rows).toEqual([{ key: "Email", conversions: 0.5, value: 0 }, { key: "Organic Search", conversions: 0.5, value: 0 }]);
    const before = await api(`/api/v1/attribution?site=${id}&model=last_touch&to=${new Date(t).toISOString()}`);
    expect(before.body.total_conversions).toBe(0);
  });

  it("compares every model side by side", async () => {
    const res = await api(`/api/v1/attribution/compare?site=${site}`);
    expect(res.status).toBe(200);
    expect(res.body.models.map((m: any) => m.model)).toEqual([...MODELS]);
    const totals = new Set(res.body.models.map((m: any) => m.total_conversions));
    expect(totals.size).toBe(1);
  });

  it.each([
    ["model=magic", "model"],
    ["group_by=planet", "group_by"],
    ["from=yesterday", "from"],
  ])("returns 400 for %s", async (query, path) => {
    const res = await api(`/api/v1/attribution?site=${site}&${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.issues[0].path).toBe(path);
  });
});
