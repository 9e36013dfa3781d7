// Saving a routing: the shape, owners every reference must name, and alert URLs under the webhook SSRF rules
// (https and public hosts in production; loopback http in local development). Every problem names its path.
import { describe, expect, it } from "vitest";
import { parseRouting } from "../../worker/core/routing/config";
import { alertEndpointId, alertEndpointsOf } from "../../worker/core/alerts/endpoints";

const PRODUCTION = { allowLocal: false };
const DEVELOPMENT = { allowLocal: true };
const SLACK = "https://hooks.slack.com/services/T0001/B0001/abcdefghijklmnop";
const TEAMS = "https://acme.webhook.office.com/webhookb2/1234@5678/IncomingWebhook/abcd/efgh";
const OWNERS = [{ id: "ana", name: "Ana", email: "ana@acme.example", slack_url: SLACK }, { id: "ben", name: "Ben", teams_url: TEAMS }];

const issuesOf = (input: unknown, policy = PRODUCTION) => {
  const parsed = parseRouting(input, policy);
  return parsed.ok ? [] : parsed.issues;
};

describe("a valid routing", () => {
  it("is kept as given, lists normalised, assign_at defaulting to mql", () => {
    const parsed = parseRouting({ owners: OWNERS, rules: [{ when: { country: "pt", grade: "A" }, assign: { round_robin: ["ana", "ben"] } }], fallback: "ben", follow_up: { within_minutes: 30 } }, PRODUCTION);
    expect(parsed).toEqual({
      ok: true,
      config: {
        owners: OWNERS,
        rules: [{ when: { country: ["PT"], grade: ["A"] }, assign: { round_robin: ["ana", "ben"] } }],
        fallback: "ben",
        assign_at: "mql",
        follow_up: { within_minutes: 30 },
      },
    });
  });

  it("takes back what GET adds (site, version) without keeping it", () => {
    const parsed = parseRouting({ site: "acme", version: 4, owners: OWNERS, assign_at: "lead" }, PRODUCTION);
    expect(parsed.ok && parsed.config).toEqual({ owners: OWNERS, rules: [], assign_at: "lead" });
  });

  it("allows a receiver on this machine in development only", () => {
    const local = { owners: [{ id: "ana", name: "Ana", slack_url: "http://127.0.0.1:9999/slack" }] };
    expect(issuesOf(local, DEVELOPMENT)).toEqual([]);
    expect(issuesOf(local, PRODUCTION)).toEqual([{ path: "owners.0.slack_url", message: "must use https" }]);
  });
});

describe("an invalid routing", () => {
  it.each([
    ["a rule naming an unknown owner", { owners: OWNERS, rules: [{ when: {}, assign: "zoe" }] }, "rules.0.assign", /no owner with id "zoe"/],
    ["a round robin naming an unknown owner", { owners: OWNERS, rules: [{ when: {}, assign: { round_robin: ["ana", "zoe"] } }] }, "rules.0.assign.round_robin.1", /no owner with id "zoe"/],
    ["a round robin naming an owner twice", { owners: OWNERS, rules: [{ when: {}, assign: { round_robin: ["ana", "ana"] } }] }, "rules.0.assign.round_robin.1", /listed twice/],
    ["an unknown fallback", { owners: OWNERS, fallback: "zoe" }, "fallback", /no owner/],
    ["an unknown escalation owner", { owners: OWNERS, follow_up: { within_minutes: 15, escalate_to: "zoe" } }, "follow_up.escalate_to", /no owner/],
    ["an owner id used twice", { owners: [...OWNERS, { id: "ana", name: "Another Ana" }] }, "owners.2.id", /used twice/],
    ["an owner called none", { owners: [{ id: "none", name: "Nobody" }] }, "owners.0.id", /reserved/],
    ["a non-https Slack URL in production", { owners: [{ id: "ana", name: "Ana", slack_url: "http://hooks.slack.com/services/x" }] }, "owners.0.slack_url", /https/],
    ["a private address", { owners: [{ id: "ana", name: "Ana", teams_url: "https://10.0.0.7/hook" }] }, "owners.0.teams_url", /not a public address/],
    ["a cloud metadata host", { owners: [{ id: "ana", name: "Ana", slack_url: "https://metadata.google.internal/x" }] }, "owners.0.slack_url", /metadata/],
    ["an unknown key", { owners: OWNERS, routes: [] }, "routes", /unknown key/],
    ["an unknown assign_at", { owners: OWNERS, assign_at: "sql" }, "assign_at", /./],
    ["a follow-up of zero minutes", { owners: OWNERS, follow_up: { within_minutes: 0 } }, "follow_up.within_minutes", /./],
    ["a follow-up in fractions of minutes", { owners: OWNERS, follow_up: { within_minutes: 1.5 } }, "follow_up.within_minutes", /whole minutes/],
    ["a bad country", { owners: OWNERS, rules: [{ when: { country: "Portugal" }, assign: "ana" }] }, "rules.0.when.country", /two-letter/],
    ["an unknown channel", { owners: OWNERS, rules: [{ when: { channel: "Carrier pigeon" }, assign: "ana" }] }, "rules.0.when.channel", /received "Carrier pigeon"/],
    ["a broken trait pattern", { owners: OWNERS, rules: [{ when: { trait: { name: "job_title", matches: "(vp" } }, assign: "ana" }] }, "rules.0.when.trait.matches", /regular expression/],
    ["an owner without a name", { owners: [{ id: "ana" }] }, "owners.0.name", /missing required key/],
  ] as [string, unknown, string, RegExp][])("refuses %s at its path", (_what, input, path, message) => {
    const issues = issuesOf(input);
    expect(issues.map((i) => i.path)).toContain(path);
    expect(issues.find((i) => i.path === path)!.message).toMatch(message);
  });

  it("lists every problem at once", () => {
    const issues = issuesOf({ owners: OWNERS, rules: [{ when: {}, assign: "zoe" }, { when: {}, assign: "yan" }], fallback: "xia" });
    expect(issues.map((i) => i.path)).toEqual(["rules.0.assign", "rules.1.assign", "fallback"]);
  });
});

describe("alert endpoints of a routing", () => {
  it("are one per owner and URL, under ids that depend only on site, owner and kind", () => {
    const parsed = parseRouting({ owners: [...OWNERS, { id: "eve", name: "Eve" }] }, PRODUCTION);
    if (!parsed.ok) throw new Error("invalid");
    expect(alertEndpointsOf("acme", parsed.config)).toEqual([
      { id: alertEndpointId("acme", "ana", "slack"), kind: "slack", url: SLACK, config: { owner_id: "ana", owner_name: "Ana" } },
      { id: alertEndpointId("acme", "ben", "teams"), kind: "teams", url: TEAMS, config: { owner_id: "ben", owner_name: "Ben" } },
    ]);
    expect(alertEndpointId("acme", "ana", "slack")).toMatch(/^al_[0-9a-f]{24}$/);
    expect(new Set([alertEndpointId("acme", "ana", "slack"), alertEndpointId("acme", "ana", "teams"), alertEndpointId("other", "ana", "slack")]).size).toBe(3);
  });
});
