// The pure parts of Segment ingestion: auth header reading, message validation, field mapping and trait names.
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { SegmentMessage } from "../../schema/segment";
import { basicUser, writeKeyOf } from "../../worker/services/ingest/segment-auth";
import { pageUrl, segmentInput, type SegmentMapContext } from "../../worker/services/ingest/segment-map";
import { segmentMessages } from "../../worker/services/ingest/segment-messages";
import { companyTraits, personTraits } from "../../worker/services/ingest/segment-traits";

const RECEIVED = Date.UTC(2026, 0, 15, 12, 0, 0);
const ctx: SegmentMapContext = { receivedAt: RECEIVED, batchSentAt: null, newId: () => "generated-id" };
const mapped = (raw: Record<string, unknown>, c: Partial<SegmentMapContext> = {}) => segmentInput(v.parse(SegmentMessage, raw), { ...ctx, ...c });

describe("writeKeyOf", () => {
  it.each([
    ["Basic user with empty password", `Basic ${btoa("wk_1:")}`, {}, "wk_1"],
    ["Basic user without a colon", `Basic ${btoa("wk_2")}`, {}, "wk_2"],
    ["Basic header over the body key", `Basic ${btoa("wk_3:")}`, { writeKey: "wk_body" }, "wk_3"],
    ["the body key when there is no header", null, { writeKey: "wk_body" }, "wk_body"],
    ["the body key when the header is Bearer", "Bearer abc", { writeKey: "wk_body" }, "wk_body"],
    ["nothing from a Basic header with an empty user", `Basic ${btoa(":secret")}`, {}, null],
    ["nothing from a non-base64 Basic header", "Basic %%%", {}, null],
    ["nothing from a non-string body key", null, { writeKey: 42 }, null],
    ["nothing from an array body", null, ["wk"], null],
  ])("reads %s", (_name, header, body, expected) => {
    expect(writeKeyOf(header, body)).toBe(expected);
  });

  it("decodes URL-safe base64 the way some HTTP clients send it", () => {
    expect(basicUser("Basic " + btoa("k?>:").replace(/\+/g, "-").replace(/\//g, "_"))).toBe("k?>");
  });
});

describe("segmentInput", () => {
  it.each([
    ["track → track named by event", { type: "track", userId: "u", event: "Order Completed", properties: { value: 30 } }, { type: "track", name: "Order Completed", props: { value: 30 }, url: null }],
    ["page → pageview with context.page", { type: "page", anonymousId: "a", name: "Pricing", context: { page: { url: "https://x.test/pricing", title: "Plans", referrer: "https://news.test/" } } },
      { type: "pageview", name: "Pricing", url: "https://x.test/pricing", title: "Plans", referrer: "https://news.test/" }],
    ["page → pageview with properties.url", { type: "page", anonymousId: "a", properties: { url: "https://x.test/a", title: "A" } }, { type: "pageview", url: "https://x.test/a", title: "A" }],
    ["page → url built from path and search", { type: "page", anonymousId: "a", properties: { path: "/docs", search: "utm_source=x" } }, { type: "pageview", url: "/docs?utm_source=x" }],
    ["page category → props", { type: "page", anonymousId: "a", category: "Docs", name: "Intro" }, { props: { category: "Docs" }, name: "Intro" }],
    ["screen → pageview titled by its name", { type: "screen", userId: "u", name: "Settings" }, { type: "pageview", name: "Settings", title: "Settings", url: null }],
    ["track ignores properties.url (it is the event's data, not the page)", { type: "track", userId: "u", event: "Shared", properties: { url: "https://x.test/shared" } }, { url: null }],
    ["track keeps context.page.url", { type: "track", userId: "u", event: "Clicked", context: { page: { url: "https://x.test/p" } } }, { url: "https://x.test/p" }],
    ["identify → identify with traits over context.traits", { type: "identify", userId: "u", traits: { email: "a@x.test" }, context: { traits: { email: "old@x.test", plan: "pro" } } },
      { type: "identify", traits: { email: "a@x.test", plan: "pro" } }],
    ["alias → alias with previousId", { type: "alias", userId: "u-new", previousId: "anon-1" }, { type: "alias", userId: "u-new", previousId: "anon-1", anonymousId: null }],
    ["group → track named group", { type: "group", userId: "u", groupId: "g1", traits: { name: "Acme" } }, { type: "track", name: "group", props: { name: "Acme", group_id: "g1" }, traits: { company: "Acme", company_id: "g1" } }],
    ["campaign name → campaign", { type: "page", anonymousId: "a", context: { campaign: { source: "s", medium: "m", name: "n", term: "t", content: "c" } } },
      { campaign: { source: "s", medium: "m", campaign: "n", term: "t", content: "c" } }],
    ["ids as given; empty strings as absent", { type: "track", userId: "", anonymousId: "anon-9", event: "x" }, { userId: null, anonymousId: "anon-9" }],
    ["numeric userId as text", { type: "track", userId: 1234, event: "x" }, { userId: "1234" }],
    ["messageId → id", { type: "track", userId: "u", event: "x", messageId: "m-1" }, { id: "m-1", origin: "segment", cookieless: false }],
    ["a generated id without messageId", { type: "track", userId: "u", event: "x" }, { id: "generated-id" }],
  ])("maps %s", (_name, raw, expected) => {
    expect(mapped(raw)).toMatchObject(expected);
  });

  it("never carries context.ip or context.userAgent into the event", () => {
    const input = mapped({ type: "track", userId: "u", event: "x", context: { ip: "198.51.100.9", userAgent: "UA/1.0", page: { url: "https://x.test/" } } });
    expect(JSON.stringify(input)).not.toContain("198.51.100.9");
    expect(JSON.stringify(input)).not.toContain("UA/1.0");
  });

  it.each([
    ["no timestamp: the receive time", {}, null, RECEIVED],
    ["timestamp without sentAt: as sent", { timestamp: "2026-01-15T11:00:00.000Z" }, null, Date.UTC(2026, 0, 15, 11)],
    ["message sentAt: corrected by receivedAt − sentAt", { timestamp: "2026-01-15T10:50:00Z", sentAt: "2026-01-15T11:00:00Z" }, null, Date.UTC(2026, 0, 15, 11, 50)],
    ["batch sentAt when the message has none", { timestamp: "2026-01-15T10:50:00Z" }, Date.UTC(2026, 0, 15, 11), Date.UTC(2026, 0, 15, 11, 50)],
    ["message sentAt over batch sentAt", { timestamp: "2026-01-15T10:50:00Z", sentAt: "2026-01-15T10:55:00Z" }, Date.UTC(2026, 0, 15, 11), Date.UTC(2026, 0, 15, 11, 55)],
    ["originalTimestamp when timestamp is absent", { originalTimestamp: "2026-01-15T11:59:00+01:00", sentAt: "2026-01-15T12:00:00+01:00" }, null, Date.UTC(2026, 0, 15, 11, 59)],
    ["a future time capped a minute after receipt", { timestamp: "2026-01-16T00:00:00Z" }, null, RECEIVED + 60_000],
  ])("event time: %s", (_name, times, batchSentAt, expected) => {
    expect(mapped({ type: "track", userId: "u", event: "x", ...times }, { batchSentAt }).at).toBe(expected);
  });
});

describe("pageUrl", () => {
  it.each([
    [{ url: "https://x.test/a", path: "/ignored", search: null }, "https://x.test/a"],
    [{ url: "https://x.test/a", path: null, search: "?utm_source=s" }, "https://x.test/a?utm_source=s"],
    [{ url: "https://x.test/a?q=1", path: null, search: "?utm_source=s" }, "https://x.test/a?q=1"],
    [{ url: null, path: "/b", search: "q=2" }, "/b?q=2"],
    [{ url: null, path: "relative", search: null }, null],
    [{ url: null, path: null, search: "?q=1" }, null],
  ])("%o → %s", (input, expected) => {
    expect(pageUrl(input)).toBe(expected);
  });
});

describe("trait names", () => {
  it.each([
    ["camelCase names get Pista's names", { firstName: "Ada", lastName: "Lovelace", title: "CTO" }, { firstName: "Ada", lastName: "Lovelace", title: "CTO", first_name: "Ada", last_name: "Lovelace", job_title: "CTO" }],
    ["a name already set wins", { title: "CTO", job_title: "Founder" }, { title: "CTO", job_title: "Founder" }],
    ["the company object becomes its name and flat parts", { company: { name: "Acme", id: "c1", industry: "Retail", employee_count: 40, plan: "pro" } },
      { company: "Acme", company_id: "c1", industry: "Retail", employees: 40, plan: "pro" }],
    ["a nameless company object is dropped", { company: { id: "c1" } }, { company_id: "c1" }],
    ["a company string stays", { company: "Acme" }, { company: "Acme" }],
    ["the address gives the country", { address: { country: "ES", city: "Madrid" } }, { address: { country: "ES", city: "Madrid" }, country: "ES" }],
  ])("person: %s", (_name, raw, expected) => {
    expect(personTraits(raw)).toEqual(expected);
  });

  it.each([
    ["name, industry and size", "g1", { name: "Acme", industry: "Retail", employees: 250, website: "acme.test" }, { company_id: "g1", company: "Acme", industry: "Retail", employees: 250 }],
    ["only the id when the group has no traits", "g2", {}, { company_id: "g2" }],
  ])("group: %s", (_name, groupId, traits, expected) => {
    expect(companyTraits(groupId, traits)).toEqual(expected);
  });
});

describe("segmentMessages", () => {
  it("rejects a message over 32 KB by index and messageId, and keeps the rest", () => {
    const big = { type: "track", userId: "u", event: "x", messageId: "big", properties: { pad: "x".repeat(33 * 1024) } };
    const out = segmentMessages({ batch: [{ type: "track", userId: "u", event: "ok" }, big] }, "batch");
    expect(out.messages.map((m) => m.type === "track" && m.event)).toEqual(["ok"]);
    expect(out.rejected).toEqual([{ index: 1, messageId: "big", issues: [{ path: "batch.1", message: "the message is larger than 32 KB" }] }]);
  });

  it("puts the batch context under each message's own", () => {
    const out = segmentMessages({ batch: [{ type: "track", userId: "u", event: "x", context: { ip: "own" } }], context: { ip: "batch", userAgent: "UA" } }, "batch");
    expect(out.messages[0]!.context).toMatchObject({ ip: "own", userAgent: "UA" });
  });

  it("takes the type from the path, not the body, on single-message endpoints", () => {
    const out = segmentMessages({ type: "track", userId: "u", traits: { plan: "x" } }, "identify");
    expect(out.messages[0]!.type).toBe("identify");
  });

  it("drops unknown keys and accepts null for absent fields", () => {
    const out = segmentMessages({ userId: "u", anonymousId: null, event: "x", _metadata: { nodeVersion: "20" }, integrations: { All: true }, context: { library: { name: "sdk" } } }, "track");
    expect(out.messages[0]).toEqual({ type: "track", userId: "u", anonymousId: null, event: "x", integrations: { All: true }, context: {} });
  });

  it.each([
    ["an array body", "track", [1]],
    ["a batch that is not an array", "batch", { batch: { type: "track" } }],
    ["a batch of only invalid messages", "batch", { batch: [{ type: "track", userId: "u" }] }],
    ["an oversized string field", "track", { userId: "u", event: "e".repeat(300) }],
    ["a userId that is an object", "track", { userId: { id: 1 }, event: "x" }],
    ["a page with a non-string URL", "page", { userId: "u", context: { page: { url: 42 } } }],
  ] as const)("throws a 400 for %s", (_name, endpoint, body) => {
    expect(() => segmentMessages(body, endpoint)).toThrow(expect.objectContaining({ status: 400 }));
  });
});
