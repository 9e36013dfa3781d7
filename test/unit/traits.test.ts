// What a profile knows and who said it: a browser's claim fills and updates what browsers said, never what a stronger
// source said; what it could not change is kept as a claim.
import { describe, expect, it } from "vitest";
import { MAX_CLAIMS, mergedTraits, withTraits, type KnownTraits } from "../../worker/core/profiles/traits";

const known = (traits: Record<string, unknown>, sources: KnownTraits["trait_sources"] = {}): KnownTraits => ({ traits, trait_sources: sources, claims: [] });
const T = 1_800_000_000_000;

describe("withTraits", () => {
  it.each<[string, KnownTraits, Record<string, unknown>, "browser" | "verified" | "server" | "crm", Record<string, unknown>, Record<string, unknown> | null]>([
    ["a browser fills what is unknown", known({ name: "Ana" }, { name: "server" }), { job_title: "CTO" }, "browser", { name: "Ana", job_title: "CTO" }, null],
    ["a browser updates what a browser said", known({ timeline: "next year" }, { timeline: "browser" }), { timeline: "this month" }, "browser", { timeline: "this month" }, null],
    ["traits stored without a source count as a browser's", known({ timeline: "next year" }), { timeline: "this month" }, "browser", { timeline: "this month" }, null],
    ["a browser never overwrites the server", known({ job_title: "Engineer" }, { job_title: "server" }), { job_title: "CEO" }, "browser", { job_title: "Engineer" }, { job_title: "CEO" }],
    ["a browser never overwrites the CRM", known({ company: "Acme" }, { company: "crm" }), { company: "Evil Inc" }, "browser", { company: "Acme" }, { company: "Evil Inc" }],
    ["a browser never overwrites a verified identify", known({ phone: "+1" }, { phone: "verified" }), { phone: "+2" }, "browser", { phone: "+1" }, { phone: "+2" }],
    ["repeating what is known is no claim", known({ job_title: "Engineer" }, { job_title: "crm" }), { job_title: "Engineer" }, "browser", { job_title: "Engineer" }, null],
    ["a server overwrites a browser", known({ job_title: "CEO" }, { job_title: "browser" }), { job_title: "Engineer" }, "server", { job_title: "Engineer" }, null],
    ["a verified identify overwrites the CRM", known({ job_title: "VP" }, { job_title: "crm" }), { job_title: "CTO" }, "verified", { job_title: "CTO" }, null],
    ["an event never erases (null is ignored)", known({ name: "Ana" }, { name: "browser" }), { name: null }, "server", { name: "Ana" }, null],
  ])("%s", (_name, before, incoming, source, traits, refused) => {
    const after = withTraits(before, incoming, source, T);
    expect(after.traits).toEqual(traits);
    expect(after.claims).toEqual(refused ? [{ at: T, source, traits: refused }] : []);
    for (const k of Object.keys(incoming)) if (traits[k] === incoming[k] && before.traits[k] !== incoming[k]) expect(after.trait_sources[k]).toBe(source);
  });

  it("keeps the newest claims only", () => {
    let k = known({ job_title: "Engineer" }, { job_title: "crm" });
    for (let i = 0; i < MAX_CLAIMS + 5; i++) k = withTraits(k, { job_title: `CEO ${i}` }, "browser", T + i);
    expect(k.claims).toHaveLength(MAX_CLAIMS);
    expect(k.claims.at(-1)!.traits).toEqual({ job_title: `CEO ${MAX_CLAIMS + 4}` });
  });
});

describe("mergedTraits", () => {
  it("keeps the survivor's values and sources, and both profiles' claims in time order", () => {
    const survivor = { ...known({ name: "Ana" }, { name: "server" }), claims: [{ at: T + 2, source: "browser" as const, traits: { x: 1 } }] };
    const gone = { ...known({ name: "A.", city: "Porto" }, { name: "browser", city: "browser" }), claims: [{ at: T + 1, source: "browser" as const, traits: { y: 2 } }] };
    expect(mergedTraits(survivor, gone)).toEqual({
      traits: { name: "Ana", city: "Porto" },
      trait_sources: { name: "server", city: "browser" },
      claims: [gone.claims[0], survivor.claims[0]],
    });
  });
});
