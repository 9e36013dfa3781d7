// What ad platforms may learn of a person, decided at ingest and in the plan: the click id's value kept per touch and
// as the profile's latest ad clicks (merges included), and a refusal of marketing (GPC, consent denied, a Segment
// consent object) recorded on the profile for good — also on the identified profile of a device that refuses later.
import { describe, expect, it } from "vitest";
import type { CollectedEvent } from "../../schema/event";
import { normalizeEvent } from "../../worker/core/events/normalize";
import { batchRefusal, segmentRefusal } from "../../worker/core/events/refusal";
import { DEFAULT_SCORING } from "../../worker/core/scoring";
import { event, MemoryConsumer } from "./support/consumer";

const T0 = Date.UTC(2026, 9, 1, 9);
const MIN = 60_000;

describe("batchRefusal", () => {
  it.each([
    [{ gpc: true, c: undefined }, "gpc"],
    [{ gpc: true, c: 1 }, "gpc"],
    [{ gpc: false, c: 1 }, "consent"],
    [{ gpc: false, c: 0 }, null],
    [{ gpc: false, c: undefined }, null],
  ] as const)("%j → %s", (input, signal) => {
    expect(batchRefusal(input)).toBe(signal);
  });
});

describe("segmentRefusal (context.consent.categoryPreferences)", () => {
  it.each<[string, unknown, string | null]>([
    ["advertising refused", { categoryPreferences: { Advertising: false, Analytics: true } }, "consent"],
    ["marketing refused, any case", { categoryPreferences: { MARKETING: false } }, "consent"],
    ["targeting cookies refused", { categoryPreferences: { "Targeting Cookies": false } }, "consent"],
    ["advertising granted", { categoryPreferences: { Advertising: true, Analytics: false } }, null],
    ["only analytics refused", { categoryPreferences: { Analytics: false } }, null],
    ["an empty object", { categoryPreferences: {} }, null],
    ["no preferences", {}, null],
    ["no consent object", undefined, null],
    ["not an object", "denied", null],
  ])("%s", (_name, consent, signal) => {
    expect(segmentRefusal(consent)).toBe(signal);
  });
});

const site = { id: "s", domains: ["example.com"], excludedReferrers: [] };
const normalized = (url: string) =>
  normalizeEvent(
    { id: "e1", type: "pageview", name: null, anonymousId: "a1", userId: null, previousId: null, at: T0, url, title: null, referrer: null, props: {}, traits: {}, cookieless: false, origin: "snippet", trust: "browser" },
    { site, enrichment: { device: null, geo: null }, receivedAt: T0 },
  );

describe("the click id's value", () => {
  it("travels with the touch from the landing URL (the type alone, `gclid`, cannot be sent back)", () => {
    expect(normalized("https://example.com/?gclid=Cj0KCQ-abc_123").touch).toMatchObject({ click_id: "gclid", click_id_value: "Cj0KCQ-abc_123", channel: "Paid Search" });
    expect(normalized("https://example.com/?fbclid=IwAR0xyz").touch).toMatchObject({ click_id: "fbclid", click_id_value: "IwAR0xyz" });
    expect(normalized("https://example.com/pricing").touch).toMatchObject({ click_id: null, click_id_value: null });
  });

  const ad = (a: string, at: number, type: string, value: string, o: Partial<CollectedEvent> = {}) =>
    event({ anonymous_id: a, at, touch: { channel: "Paid Search", source: "google", medium: "cpc", campaign: null, term: null, content: null, referrer: null, landing_page: "https://example.com/", click_id: type, click_id_value: value }, ...o });

  it("is written with the touch and kept as the profile's latest click of its type", () => {
    const c = new MemoryConsumer(DEFAULT_SCORING);
    const first = c.batch([ad("a1", T0, "gclid", "G-first")], T0);
    expect(first.touches).toEqual([expect.objectContaining({ click_id: "gclid", click_id_value: "G-first" })]);
    // A new ad click (a new gclid) an hour later is a new touch, and the newer click wins.
    c.batch([ad("a1", T0 + 60 * MIN, "gclid", "G-second"), ad("a1", T0 + 61 * MIN, "fbclid", "FB-1")], T0 + 61 * MIN);
    expect(c.profileOf("s", "a1")!.ad_clicks).toEqual({ gclid: { value: "G-second", at: T0 + 60 * MIN }, fbclid: { value: "FB-1", at: T0 + 61 * MIN } });
  });

  it("survives a merge: the anonymous device's click joins the identified person, the latest of each type kept", () => {
    const c = new MemoryConsumer(DEFAULT_SCORING);
    c.batch([event({ anonymous_id: "known", at: T0, type: "identify", traits: { email: "ana@acme.io" } }), ad("known", T0 + 1, "fbclid", "FB-old", { url: "https://example.com/x" })], T0);
    // Another device: an anonymous Google ad click, then a verified identify with the same e-mail merges the two.
    c.batch([ad("phone", T0 + 10 * MIN, "gclid", "G-anon"), event({ anonymous_id: "phone", at: T0 + 11 * MIN, type: "identify", traits: { email: "ana@acme.io" }, trust: "verified" })], T0 + 11 * MIN);
    const person = c.profileOf("s", "phone")!;
    expect(c.profileOf("s", "known")!.id).toBe(person.id);
    expect(person.ad_clicks.gclid).toEqual({ value: "G-anon", at: T0 + 10 * MIN });
    expect(person.ad_clicks.fbclid?.value).toBe("FB-old");
  });
});

describe("a refusal of marketing", () => {
  const identified = (c: MemoryConsumer) => c.batch([event({ anonymous_id: "a1", at: T0, type: "identify", traits: { email: "lin@acme.io" } })], T0);

  it("reaches the identified person when a later, cookieless batch of the same device names its former id", () => {
    const c = new MemoryConsumer(DEFAULT_SCORING);
    identified(c);
    const before = c.profileOf("s", "a1")!;
    // What the collector queues for a GPC batch that still carries a: cookieless events under a daily hash.
    const plan = c.batch([event({ anonymous_id: "daily-hash", cookieless: true, at: T0 + 5 * MIN, refused: "gpc", refused_id: "a1" })], T0 + 5 * MIN);
    const after = c.profileOf("s", "a1")!;
    expect(after.marketing_refused).toEqual({ at: T0 + 5 * MIN, signal: "gpc" });
    // Nothing else reaches the person: the event, its count and its touch belong to the cookieless profile.
    expect({ ...after, marketing_refused: null, updated_at: 0 }).toEqual({ ...before, updated_at: 0 });
    expect(plan.events.every((e) => e.profile_id !== after.id)).toBe(true);
    expect(c.profileOf("s", "daily-hash")!.marketing_refused?.signal).toBe("gpc");
  });

  it("makes no profile for a former id nobody knows", () => {
    const c = new MemoryConsumer(DEFAULT_SCORING);
    c.batch([event({ anonymous_id: "daily-hash", cookieless: true, at: T0, refused: "consent", refused_id: "never-seen" })], T0);
    expect(c.profiles.size).toBe(1);
    expect(c.profileOf("s", "never-seen")).toBeUndefined();
  });

  it("is kept for good: a later event without one, a merge with a consenting profile, and the first refusal's time stay", () => {
    const c = new MemoryConsumer(DEFAULT_SCORING);
    // Identified by the site's server (Segment) with advertising refused in its consent object.
    c.batch([event({ anonymous_id: "a1", at: T0, type: "identify", traits: { email: "kim@acme.io" }, origin: "segment", trust: "server", refused: "consent" })], T0);
    c.batch([event({ anonymous_id: "a1", at: T0 + MIN }), event({ anonymous_id: "a1", at: T0 + 2 * MIN, refused: "gpc" })], T0 + 2 * MIN);
    c.batch([event({ anonymous_id: "a2", at: T0 + 3 * MIN }), event({ anonymous_id: "a2", at: T0 + 4 * MIN, type: "identify", traits: { email: "kim@acme.io" }, trust: "verified" })], T0 + 4 * MIN);
    const person = c.profileOf("s", "a2")!;
    expect(c.profileOf("s", "a1")!.id).toBe(person.id);
    expect(person.marketing_refused).toEqual({ at: T0, signal: "consent" });
  });
});
