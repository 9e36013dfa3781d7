// Which events a behaviour rule matches: path globs, event types, forms, downloads, custom names and properties.
import { describe, expect, it } from "vitest";
import type { BehaviorRuleConfig } from "../../schema/scoring";
import type { ScoringEvent } from "../../worker/core/scoring";
import { eventMatches } from "../../worker/core/scoring/match";
import { pathMatchesGlob } from "../../worker/core/scoring/patterns";

describe("pathMatchesGlob", () => {
  it.each([
    ["/pricing*", "/pricing", true],
    ["/pricing*", "/pricing-enterprise", true],
    ["/pricing*", "/Pricing/", true],
    ["/pricing*", "/pricing?plan=pro", true],
    ["/pricing*", "/pricing/teams", false],
    ["/pricing*", "/en/pricing", false],
    ["/pricing/**", "/pricing/teams/eu", true],
    ["/pricing/**", "/pricing", false],
    ["**/compare/**", "/compare/hubspot", true],
    ["**/compare/**", "/en/compare/hubspot/2026", true],
    ["**/compare/**", "/compare", false],
    ["*vs*", "/blog/acme-vs-rival", true],
    ["*vs*", "/acme-vs-rival", true],
    ["*vs*", "/blog/versus", false],
    ["pricing*", "/en/pricing", true],
    ["pricing*", "/en/pricing/teams", true],
    ["pricing*", "/our-pricing", false],
    ["/", "/", true],
    ["/", "/about", false],
    ["/a.b", "/axb", false],
  ])("%s against %s → %s", (glob, path, expected) => {
    expect(pathMatchesGlob(path, glob)).toBe(expected);
  });
});

const AT = Date.UTC(2026, 0, 1);
const ev = (e: Partial<ScoringEvent>): ScoringEvent => ({ type: "pageview", name: null, url: null, path: "/", props: {}, at: AT, ...e });
type Match = BehaviorRuleConfig["match"];

describe("eventMatches", () => {
  it.each<[string, Match, Partial<ScoringEvent>, boolean]>([
    ["an event type in the list", { type: ["mailto", "tel"] }, { type: "tel" }, true],
    ["an event type not in the list", { type: ["mailto", "tel"] }, { type: "click" }, false],
    ["the path, read from the url when path is missing", { path: ["/pricing*"] }, { path: null, url: "https://a.io/pricing?x=1" }, true],
    ["no path at all", { path: ["/pricing*"] }, { path: null, url: null }, false],
    ["all conditions must hold", { type: ["form"], path: ["/demo*"] }, { type: "pageview", path: "/demo" }, false],
    ["a form by id, ignoring case", { form: ["demo-request"] }, { type: "form", props: { form_id: "Demo-Request" } }, true],
    ["a form by name", { form: ["Contact sales"] }, { type: "form", props: { form_name: "contact sales" } }, true],
    ["a form rule never matches other event types", { form: ["demo"] }, { type: "track", name: "demo" }, false],
    ["a download by the link's extension", { extension: ["pdf"] }, { type: "download", name: "https://cdn.a.io/files/Guide.PDF?v=2" }, true],
    ["a download with another extension", { extension: ["pdf"] }, { type: "download", name: "https://cdn.a.io/setup.exe" }, false],
    ["a path's extension for page views", { extension: ["pdf"] }, { path: "/docs/whitepaper.pdf" }, true],
    ["a custom event name", { type: ["track"], name: ["demo_requested"] }, { type: "track", name: "Demo_Requested" }, true],
    ["another custom event name", { type: ["track"], name: ["demo_requested"] }, { type: "track", name: "signup" }, false],
    ["property equality", { props: { plan: "enterprise", seats: 50 } }, { props: { plan: "enterprise", seats: 50 } }, true],
    ["property equality is strict about type", { props: { seats: 50 } }, { props: { seats: "50" } }, false],
    ["a null property matches a missing one", { props: { coupon: null } }, { props: {} }, true],
    ["a numeric minimum", { type: ["engage"], props_at_least: { engaged_ms: 60_000 } }, { type: "engage", props: { engaged_ms: 61_000, scroll: 80 } }, true],
    ["a numeric minimum not reached", { type: ["engage"], props_at_least: { engaged_ms: 60_000 } }, { type: "engage", props: { engaged_ms: 5_000 } }, false],
    ["a numeric minimum on a numeric string", { props_at_least: { session_number: 2 } }, { type: "session_start", props: { session_number: "3" } }, true],
    ["a numeric minimum on a missing property", { props_at_least: { session_number: 2 } }, { type: "session_start", props: {} }, false],
    ["a url regex", { url_matches: "utm_campaign=spring" }, { url: "https://a.io/?utm_campaign=Spring" }, true],
    ["a url regex on a clicked link", { url_matches: "^https://calendly\\.com/" }, { type: "outbound", url: "https://a.io/", name: "https://calendly.com/acme" }, true],
  ])("%s → %s", (_name, match, event, expected) => {
    expect(eventMatches(match, ev(event))).toBe(expected);
  });
});
