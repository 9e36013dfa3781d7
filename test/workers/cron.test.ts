// The hourly cron in the Workers runtime: retention purge keeps aggregates; expired dashboard sessions go; decayed mqls
// cool back to lead.
import { describe, expect, it } from "vitest";
import { hourly } from "../../worker/jobs/hourly";
import { insertSession } from "../../worker/store/sessions";
import { api, collectedEvent, createSite, dbOf, deliver, env, profileOf, uid } from "./support";

const DAY = 86_400_000;

describe("hourly cron", () => {
  it("purges raw events older than the site's retention while the profile keeps its counts", async () => {
    const res = await api("/api/v1/sites", { method: "POST", body: JSON.stringify({ id: uid("ret"), name: "Short retention", domains: ["example.com"], settings: { retention_days: 7 } }) });
    expect(res.status).toBe(201);
    const site = res.body.id as string;
    const a = uid("anon");
    const old = Date.now() - 30 * DAY;
    await deliver([{ v: 1, events: [
      collectedEvent({ site, anonymous_id: a, at: old, received_at: old }),
      collectedEvent({ site, anonymous_id: a, at: old + 1000, received_at: old + 1000, url: "https://example.com/pricing" }),
      collectedEvent({ site, anonymous_id: a }),
    ] }]);
    const before = await profileOf(site, a);
    const { purged } = await hourly(env, Date.now());
    expect(purged).toBeGreaterThanOrEqual(2);
    const left = await (await dbOf(site)).prepare("SELECT COUNT(*) AS n FROM events WHERE site = ?1").bind(site).first("n");
    expect(left).toBe(1);
    const after = await profileOf(site, a);
    expect(after.counts).toEqual(before.counts);
    expect(after.first_touch).toEqual(before.first_touch);
  });

  it("forgets expired dashboard sessions and keeps live ones", async () => {
    const site = (await createSite()).id;
    const now = Date.now();
    const session = (id_hash: string, expires_at: number) => insertSession(env.DB, { id_hash, site, credential_hash: "h", created_at: now - DAY, expires_at });
    const [expired, live] = [uid("expired"), uid("live")];
    await session(expired, now - 1000);
    await session(live, now + DAY);
    expect((await hourly(env, now)).sessionsEnded).toBeGreaterThanOrEqual(1);
    const { results } = await env.DB.prepare("SELECT id_hash FROM dashboard_sessions WHERE site = ?1").bind(site).all();
    expect(results).toEqual([{ id_hash: live }]);
  });

  it("moves an mql whose score has decayed below the band back to lead, once", async () => {
    const { id: site } = await createSite();
    const a = uid("anon");
    const long = Date.now() - 200 * DAY;
    await deliver([{ v: 1, events: [
      collectedEvent({ site, anonymous_id: a, at: long, url: "https://example.com/pricing" }),
      collectedEvent({ site, anonymous_id: a, at: long + 1000, url: "https://example.com/contact", type: "form", props: { form_ms: 20_000 }, traits: { email: "vp@enterprise.com", job_title: "VP Sales", timeline: "this quarter" } }),
    ] }]);
    expect((await profileOf(site, a)).stage).toBe("mql");
    expect((await hourly(env, Date.now())).cooled).toBeGreaterThanOrEqual(1);
    const cooled = await profileOf(site, a);
    expect(cooled.stage).toBe("lead");
    expect(cooled.score).toBeLessThan(5);
    const again = await hourly(env, Date.now());
    expect((await profileOf(site, a)).stage).toBe("lead");
    expect(again.cooled).toBe(0);
  });

  it("lists the hottest first by the score as of now, with no cron run, and the run changes neither order nor feed", async () => {
    const { id: site } = await createSite();
    const [old, fresh] = [uid("old"), uid("fresh")];
    const long = Date.now() - 120 * DAY;
    await deliver([{ v: 1, events: [
      collectedEvent({ site, anonymous_id: old, at: long, url: "https://example.com/pricing" }),
      collectedEvent({ site, anonymous_id: old, at: long + 1000, url: "https://example.com/compare/a-vs-b" }),
      collectedEvent({ site, anonymous_id: fresh, url: "https://example.com/case-studies" }),
    ] }]);
    // Pricing and a comparison 120 days ago (+20, decayed to under 2) against one case study today (+1 view +5).
    const before = (await api(`/api/v1/profiles?site=${site}&sort=score`)).body.data;
    expect(before.map((p: { anonymous_ids: string[] }) => p.anonymous_ids[0])).toEqual([fresh, old]);
    expect(before[0].score).toBeGreaterThan(before[1].score);
    const oldProfile = await profileOf(site, old);
    await hourly(env, Date.now());
    const after = (await api(`/api/v1/profiles?site=${site}&sort=score`)).body.data;
    expect(after.map((p: { anonymous_ids: string[] }) => p.anonymous_ids[0])).toEqual([fresh, old]);
    expect((await profileOf(site, old)).updated_at).toBe(oldProfile.updated_at);
  });

  it("builds the journeys of a site listed for a rebuild (one with data from before migration 0013), then forgets it", async () => {
    const { id: site } = await createSite();
    const a = uid("anon");
    await deliver([{ v: 1, events: [
      collectedEvent({ site, anonymous_id: a, at: Date.now() - 2 * DAY }),
      collectedEvent({ site, anonymous_id: a, at: Date.now() - DAY, type: "identify", traits: { email: "early@corp.io" }, url: null }),
    ] }]);
    const report = async () => (await api(`/api/v1/attribution?site=${site}&model=linear`)).body;
    const kept = await report();
    expect(kept.total_conversions).toBe(1);
    // As the migration leaves a site that had touches before journeys were kept: none kept, the site listed.
    const db = await dbOf(site);
    await db.batch([
      ...["journeys", "journey_credits", "journey_steps"].map((t) => db.prepare(`DELETE FROM ${t} WHERE site = ?1`).bind(site)),
      db.prepare("INSERT INTO journey_rebuilds (site, after) VALUES (?1, -1)").bind(site),
    ]);
    expect((await report()).total_conversions).toBe(0);
    // (Another test file's rebuild may take this site first: what is asserted is the state the run leaves.)
    await hourly(env, Date.now());
    expect(await report()).toEqual(kept);
    expect(await db.prepare("SELECT COUNT(*) AS n FROM journey_rebuilds WHERE site = ?1").bind(site).first("n")).toBe(0);
  });
});
