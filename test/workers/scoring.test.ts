// Scoring through the consumer and the API: scripted journeys, the configuration endpoint, rescoring.
import { describe, expect, it } from "vitest";
import { DEFAULT_SCORING } from "../../worker/core/scoring";
import { api, collectedEvent, createSite, deliver, eventually, profileOf, uid } from "./support";

const MIN = 60_000;

async function journey(site: string, steps: Partial<ReturnType<typeof collectedEvent>>[]) {
  const a = uid("anon");
  let at = Date.now() - 60 * MIN;
  const events = steps.map((s) => collectedEvent({ site, anonymous_id: a, at: (at += MIN), ...s }));
  await deliver([{ v: 1, events }]);
  return profileOf(site, a);
}

const page = (path: string) => ({ url: `https://example.com${path}` });

describe("scripted journeys", () => {
  it("classifies a visitor who reads two blog posts as a browser", async () => {
    const { id } = await createSite();
    const p = await journey(id, [page("/blog/one"), page("/blog/two")]);
    expect(p).toMatchObject({ label: "browser", stage: "visitor", quality: { status: "valid" } });
    expect(p.score).toBeCloseTo(2, 1);
    expect(p.score_breakdown.map((b: any) => b.rule)).toEqual(["page_view"]);
  });

  it("classifies pricing and comparison interest as a comparison shopper, with a breakdown that adds up", async () => {
    const { id } = await createSite();
    const p = await journey(id, [page("/"), page("/pricing"), page("/compare/acme-vs-us"), page("/pricing")]);
    expect(p.label).toBe("comparison_shopper");
    const behaviour = p.score_breakdown.filter((b: any) => b.kind === "behavior");
    expect(behaviour.map((b: any) => b.rule).sort()).toEqual(["compared_alternatives", "page_view", "visited_pricing"]);
    const sum = behaviour.reduce((s: number, b: any) => s + b.points, 0);
    expect(sum).toBeCloseTo(p.score, 1);
    expect(p.score_breakdown.find((b: any) => b.rule === "visited_pricing").description).toMatch(/Visited pricing/);
  });

  it("makes a senior buyer who requests a demo ready to buy, a lead and then an mql", async () => {
    const { id } = await createSite();
    const p = await journey(id, [
      page("/pricing"),
      page("/compare/acme-vs-us"),
      { ...page("/contact"), type: "form", name: "demo-request", props: { form_ms: 25_000 }, traits: { email: "cto@bigco.com", name: "Dana", job_title: "CTO", budget: "$50k–$100k", timeline: "This quarter" } },
    ]);
    expect(p).toMatchObject({ label: "ready_to_buy", stage: "mql", grade: "A", quality: { status: "valid" } });
    expect(p.score).toBeGreaterThanOrEqual(DEFAULT_SCORING.stages.mql_min_score);
    expect(p.score_breakdown.some((b: any) => b.rule === "requested_demo")).toBe(true);
    expect(p.score_breakdown.some((b: any) => b.kind === "fit" && b.rule === "executive")).toBe(true);
  });

  it("flags a disposable e-mail as junk that never reaches mql, however hot", async () => {
    const { id } = await createSite();
    const p = await journey(id, [
      page("/pricing"),
      page("/compare/x-vs-y"),
      { ...page("/contact"), type: "form", props: { form_ms: 9000 }, traits: { email: "someone@mailinator.com", job_title: "CEO", timeline: "asap" } },
      { type: "track", name: "demo_requested", url: null },
    ]);
    expect(p.quality.status).toBe("junk");
    expect(p.quality.reasons).toContain("disposable_email");
    expect(p.stage).toBe("lead");
    expect(p.score).toBeGreaterThanOrEqual(DEFAULT_SCORING.stages.mql_min_score);
  });

  it("marks a form filled faster than a human can as suspect", async () => {
    const { id } = await createSite();
    const p = await journey(id, [{ ...page("/contact"), type: "form", props: { form_ms: 200 }, traits: { email: "pat@firm.com" } }]);
    expect(p.quality).toMatchObject({ status: "suspect" });
    expect(p.quality.reasons).toContain("form_too_fast");
  });
});

describe("scoring configuration API", () => {
  it("returns the default configuration at version 0", async () => {
    const { id } = await createSite();
    const res = await api(`/api/v1/sites/${id}/scoring`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 0, default: true });
    expect(res.body.config.behavior.rules.length).toBe(DEFAULT_SCORING.behavior.rules.length);
  });

  it.each([
    ["a string as points", (c: any) => (c.behavior.rules[1].points = "ten"), "behavior.rules.1.points"],
    ["a broken regex", (c: any) => (c.behavior.rules[0].match.url_matches = "(unclosed"), "behavior.rules.0.match.url_matches"],
    ["an unknown key", (c: any) => (c.bogus = true), "bogus"],
  ])("rejects %s with 400 and the path of the issue", async (_name, mutate, path) => {
    const { id } = await createSite();
    const config = structuredClone(DEFAULT_SCORING) as any;
    mutate(config);
    const res = await api(`/api/v1/sites/${id}/scoring`, { method: "PUT", body: JSON.stringify(config) });
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: any) => i.path)).toContain(path);
    expect((await api(`/api/v1/sites/${id}/scoring`)).body.version).toBe(0);
  });

  it("rescores existing profiles when the configuration changes", async () => {
    const { id } = await createSite();
    const before = await journey(id, [page("/pricing")]);
    const visited = before.score_breakdown.find((b: any) => b.rule === "visited_pricing");
    expect(visited.awarded).toBe(10);
    const config = structuredClone(DEFAULT_SCORING);
    Object.assign(config.behavior.rules.find((r) => r.id === "visited_pricing")!, { points: 40, max_per_day: 40 });
    const res = await api(`/api/v1/sites/${id}/scoring`, { method: "PUT", body: JSON.stringify(config) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 1, rescoring: true });
    const after = await eventually(async () => {
      const p = (await api(`/api/v1/profiles/${before.id}`)).body;
      return p.score_breakdown.find((b: any) => b.rule === "visited_pricing")?.awarded === 40 ? p : null;
    });
    expect(after.score).toBeGreaterThan(before.score + 25);
  });

  it("lets only the admin change scoring", async () => {
    const site = await createSite();
    const res = await api(`/api/v1/sites/${site.id}/scoring`, { method: "PUT", body: JSON.stringify(DEFAULT_SCORING), token: site.read_key });
    expect(res.status).toBe(403);
  });
});
