// The webhook-id of a transition: the same transition always gets the same id; different transitions never share one.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { webhookIdOf, type TransitionKey } from "../../worker/core/webhooks/id";

const BASE: TransitionKey = { site: "demo", profile_id: "p_1", type: "profile.stage_changed", at: 1_750_000_000_000, data: { from: "visitor", to: "lead" } };

describe("webhookIdOf", () => {
  it("is msg_ and 32 hex digits of SHA-256 over the transition", () => {
    const expected = createHash("sha256").update('["demo","p_1","profile.stage_changed",1750000000000,{"from":"visitor","to":"lead"}]').digest("hex").slice(0, 32);
    expect(webhookIdOf(BASE)).toBe(`msg_${expected}`);
  });

  it("is the same for the same transition written again (a redelivered batch)", () => {
    expect(webhookIdOf({ ...BASE, data: { ...BASE.data } })).toBe(webhookIdOf(BASE));
  });

  it.each([
    ["another site", { site: "other" }],
    ["another profile", { profile_id: "p_2" }],
    ["another type", { type: "profile.qualified" }],
    ["another instant", { at: BASE.at + 1 }],
    ["a second stage change at the same instant", { data: { from: "mql", to: "sql", by: "api" } }],
  ] as [string, Partial<TransitionKey>][])("differs for %s", (_what, change) => {
    expect(webhookIdOf({ ...BASE, ...change })).not.toBe(webhookIdOf(BASE));
  });
});
