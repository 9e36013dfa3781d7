// Meta's Conversions API, pure: which outbox rows become events, the event itself (hashes computed here independently
// with node:crypto), the request, and what Meta's answer means — retried only when Meta says the error is transient.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fbcOf, metaEvent, metaHold, metaStageOf, metaTarget, normalisedPhone, type MetaConfig } from "../../worker/core/ads/meta";
import { metaDecision, metaErrorOf } from "../../worker/core/ads/meta-decision";
import { renderRequest } from "../../worker/core/delivery/render";
import { dedupeKeyOf, targetsOf, type Endpoint } from "../../worker/core/delivery/targets";
import { newProfile, type ProfileRecord } from "../../worker/core/profiles/profile";
import { DEFAULT_SCORING } from "../../worker/core/scoring";
import type { AttemptOutcome } from "../../worker/core/webhooks/decision";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const T = Date.UTC(2026, 5, 1, 12, 30, 15, 250);
const DAY = 86_400_000;

function person(o: Partial<ProfileRecord> = {}): ProfileRecord {
  return {
    ...newProfile({ id: "p_ana", site: "acme", at: T - DAY }),
    email: "ana.lopez@northwind.example", phone: "+351912345678", geo: { country: "PT", region: null, city: null },
    ad_clicks: { fbclid: { value: "IwAR2xYz_9", at: T - DAY }, gclid: { value: "Cj0KCQ", at: T - 2 * DAY } },
    ...o,
  };
}

const config: MetaConfig = { pixel_id: "123456789012345", stages: { lead: "Lead", mql: "QualifiedLead", customer: "Purchase" }, test_event_code: "TEST4242", api_version: "v21.0" };
const endpoint: Endpoint = { id: "meta_acme", kind: "meta", config: { ...config }, events: [], filters: {} };

describe("metaStageOf", () => {
  it.each<[string, Record<string, unknown>, string | null]>([
    ["profile.identified", {}, "lead"],
    ["profile.stage_changed", { from: "lead", to: "mql" }, "mql"],
    ["profile.stage_changed", { from: "mql", to: "sql", by: "api" }, "sql"],
    ["profile.stage_changed", { from: "sql", to: "customer", by: "api" }, "customer"],
    // Back to lead (cooled down) or to visitor is no stage reached; a qualified event is the same MQL as its stage change.
    ["profile.stage_changed", { from: "mql", to: "lead" }, null],
    ["profile.stage_changed", { from: "visitor", to: "lead" }, null],
    ["profile.qualified", { score: 60 }, null],
    ["profile.assigned", {}, null],
  ])("%s %j → %s", (type, data, stage) => expect(metaStageOf(type, data)).toBe(stage));
});

describe("normalisedPhone (digits only, with the country code, no +)", () => {
  it.each<[string | null, string | null, string | null]>([
    ["+351912345678", null, "351912345678"],
    ["+1 (650) 253-0000", null, "16502530000"],
    ["0612345678", "NL", "31612345678"],
    ["0612345678", null, null],
    ["not a phone", "PT", null],
    [null, "PT", null],
  ])("%s in %s → %s", (phone, country, digits) => expect(normalisedPhone(phone, country)).toBe(digits));
});

describe("metaEvent", () => {
  it("hashes the normalised e-mail and phone, rebuilds fbc from the fbclid click, and keeps one event_id per person and stage", async () => {
    const event = await metaEvent({ record: person({ email: " Ana.Lopez@Northwind.example " }), stage: "mql", eventName: "QualifiedLead", at: T });
    expect(event).toEqual({
      event_name: "QualifiedLead",
      event_time: Math.floor(T / 1000),
      event_id: "pista.mql.p_ana",
      action_source: "system_generated",
      user_data: { em: [sha256("ana.lopez@northwind.example")], ph: [sha256("351912345678")], fbc: `fb.1.${T - DAY}.IwAR2xYz_9` },
      custom_data: { event_source: "crm", lead_event_source: "Pista" },
    });
    expect(event.user_data.em![0]).toMatch(/^[0-9a-f]{64}$/);
    const again = await metaEvent({ record: person(), stage: "mql", eventName: "QualifiedLead", at: T + DAY });
    expect(again.event_id).toBe(event.event_id);
  });

  it("puts the deal's value and currency on the customer stage, and sends only what it has", async () => {
    const event = await metaEvent({ record: person({ phone: null, ad_clicks: {}, deal: { amount: 4800, currency: "EUR" } }), stage: "customer", eventName: "Purchase", at: T });
    expect(event.user_data).toEqual({ em: [sha256("ana.lopez@northwind.example")] });
    expect(event.custom_data).toEqual({ event_source: "crm", lead_event_source: "Pista", value: 4800, currency: "EUR" });
  });

  it("builds fbc as fb.1.{click time in ms}.{fbclid}", () => {
    expect(fbcOf({ value: "IwAR0abc", at: 1_774_000_000_123 })).toBe("fb.1.1774000000123.IwAR0abc");
  });
});

describe("fan-out to a Meta endpoint", () => {
  const row = (type: string, data: Record<string, unknown>, record: ProfileRecord | null) => ({
    type, data, facts: null, profile_id: "p_ana", snapshot: record ? { record } : { stub: { id: "p_ana", site: "acme", email: null, user_id: null } },
  });
  it.each<[string, ReturnType<typeof row>, string | null]>([
    ["a configured stage of a consenting, matchable person", row("profile.stage_changed", { to: "mql" }, person()), "mql:p_ana"],
    ["identified: the lead stage", row("profile.identified", {}, person()), "lead:p_ana"],
    ["a stage the destination does not name", row("profile.stage_changed", { to: "sql" }, person()), null],
    ["a person who refused marketing", row("profile.identified", {}, person({ marketing_refused: { at: T, signal: "gpc" } })), null],
    ["a person Meta could not match (no e-mail, phone or fbclid)", row("profile.identified", {}, person({ email: null, phone: null, ad_clicks: { gclid: { value: "x", at: T } } })), null],
    ["an erased person", row("profile.identified", {}, null), null],
    ["a webhook-only transition", row("profile.merged", { merged_id: "p_x" }, person()), null],
  ])("%s → %s", (_name, r, key) => {
    expect(targetsOf(r, [endpoint])).toEqual(key ? ["meta_acme"] : []);
    expect(dedupeKeyOf(r, endpoint)).toBe(key);
    expect(metaTarget(r, config)).toBe(key ? key.split(":")[0] : null);
  });

  it("never goes to webhooks or alerts, and webhooks keep their own dedupe-free deliveries", () => {
    const hook: Endpoint = { id: "wh_1", kind: "webhook", config: {}, events: ["profile.identified"], filters: {} };
    const r = row("profile.identified", {}, person());
    expect(targetsOf({ ...r, facts: { score: 1, grade: null, label: "browser", stage: "lead" } }, [hook, endpoint]).sort()).toEqual(["meta_acme", "wh_1"]);
    expect(dedupeKeyOf(r, hook)).toBeNull();
  });
});

describe("metaHold (checked at every attempt)", () => {
  it.each<[string, number, ProfileRecord | null, string | null]>([
    ["a fresh event", T + DAY, person(), null],
    ["7 days old exactly", T + 7 * DAY, person(), null],
    ["older than 7 days", T + 7 * DAY + 1, person(), "older than 7 days: Meta accepts events up to 7 days old"],
    ["refused since fan-out", T + 1, person({ marketing_refused: { at: T, signal: "consent" } }), "the person refused marketing"],
    ["erased since fan-out", T + 1, null, "the person was erased"],
  ])("%s", (_name, now, record, why) => {
    const snapshot = record ? { record } : { stub: { id: "p_ana", site: "acme", email: null, user_id: null } };
    expect(metaHold({ at: T, snapshot }, now)).toBe(why);
  });
});

describe("the rendered request", () => {
  it("POSTs {data:[event], test_event_code} to {META_GRAPH_URL}/{version}/{pixel}/events?access_token=…", async () => {
    const req = await renderRequest({
      id: "msg_1", message: { type: "profile.identified", at: T, data: {}, snapshot: { record: person() } },
      endpoint: { kind: "meta", url: "shown only", config: { ...config }, secrets: ["EAAB token/+="] }, scoring: DEFAULT_SCORING, publicUrl: "http://localhost:8787", now: T + 1000,
      metaGraphUrl: "http://127.0.0.1:9999/",
    });
    expect(req.url).toBe("http://127.0.0.1:9999/v21.0/123456789012345/events?access_token=EAAB%20token%2F%2B%3D");
    const body = JSON.parse(req.body);
    expect(body.test_event_code).toBe("TEST4242");
    expect(body.data).toHaveLength(1);
    expect(body.data[0]).toMatchObject({ event_name: "Lead", event_id: "pista.lead.p_ana", event_time: Math.floor(T / 1000) });
  });
});

const response = (status: number, body: unknown = null): [AttemptOutcome, string | null] => [{ kind: "response", status }, body === null ? null : typeof body === "string" ? body : JSON.stringify(body)];
const metaError = (code: number, extra: Record<string, unknown> = {}) => ({ error: { message: `message ${code}`, type: "OAuthException", code, fbtrace_id: "AbC", ...extra } });

describe("metaDecision", () => {
  it.each<[string, [AttemptOutcome, string | null], string]>([
    ["200 events_received", response(200, { events_received: 1, messages: [], fbtrace_id: "x" }), "delivered"],
    ["is_transient: true", response(400, metaError(100, { is_transient: true })), "retry"],
    ["code 1 (unknown error)", response(400, metaError(1)), "retry"],
    ["code 2 (service temporarily unavailable)", response(500, metaError(2)), "retry"],
    ["code 4 (application request limit)", response(400, metaError(4)), "retry"],
    ["code 17 (user request limit)", response(400, metaError(17)), "retry"],
    ["code 341 (application limit)", response(400, metaError(341)), "retry"],
    ["code 613 (rate limit)", response(400, metaError(613)), "retry"],
    ["a 5xx without a body", response(502), "retry"],
    ["429", response(429, "slow down"), "retry"],
    ["a timeout", [{ kind: "error", error: "timeout", message: "no response within 10000 ms" }, null], "retry"],
    ["a network error", [{ kind: "error", error: "network", message: "connection reset" }, null], "retry"],
    ["code 190 (invalid access token)", response(400, metaError(190, { error_subcode: 463 })), "drop"],
    ["code 100 (invalid parameter), is_transient false", response(400, metaError(100, { is_transient: false, error_subcode: 2804003 })), "drop"],
    ["code 10 (permission denied)", response(403, metaError(10)), "drop"],
    ["a 400 that is not Meta's JSON", response(400, "<html>Bad Request</html>"), "drop"],
    ["a redirect", response(302), "drop"],
    ["refused before sending", [{ kind: "refused", reason: "not sent: the person refused marketing" }, null], "drop"],
  ])("%s → %s", (_name, [outcome, body], decision) => {
    expect(metaDecision(outcome, body).decision).toBe(decision);
  });

  it("logs Meta's code, subcode, type and message", () => {
    const [outcome, body] = response(400, metaError(190, { message: "Invalid OAuth access token - Cannot parse access token", error_subcode: 463 }));
    expect(metaDecision(outcome, body)).toEqual({ decision: "drop", error: "HTTP 400, Meta error 190/463 (OAuthException): Invalid OAuth access token - Cannot parse access token" });
    expect(metaDecision({ kind: "response", status: 200 }, null).error).toBeNull();
  });

  it("reads a body the log cut short, field by field", () => {
    const full = JSON.stringify({ error: { message: "Please reduce the amount of data you're asking for, then retry your request", type: "OAuthException", code: 1, is_transient: true, error_user_msg: "x".repeat(400) } });
    const cut = full.slice(0, 180);
    expect(() => JSON.parse(cut)).toThrow();
    expect(metaErrorOf(cut)).toMatchObject({ code: 1, type: "OAuthException", is_transient: true });
    expect(metaDecision({ kind: "response", status: 400 }, cut).decision).toBe("retry");
  });
});
