// What an attempt's outcome means: delivered, retried, the endpoint disabled, or dropped — and what the log says.
import { describe, expect, it } from "vitest";
import { deliveryDecision, outcomeError, type AttemptOutcome } from "../../worker/core/webhooks/decision";

const status = (s: number, location?: string): AttemptOutcome => ({ kind: "response", status: s, location });

describe("deliveryDecision", () => {
  it.each([
    [200, "delivered"], [201, "delivered"], [202, "delivered"], [204, "delivered"], [299, "delivered"],
    [410, "disable"],
    [408, "retry"], [429, "retry"], [500, "retry"], [502, "retry"], [503, "retry"], [504, "retry"],
    [400, "retry"], [401, "retry"], [403, "retry"], [404, "retry"], [413, "retry"], [422, "retry"],
    [301, "retry"], [302, "retry"], [307, "retry"],
    [100, "retry"],
  ])("HTTP %i → %s", (code, decision) => {
    expect(deliveryDecision(status(code))).toBe(decision);
  });

  it.each([
    ["a timeout", { kind: "error", error: "timeout", message: "no response within 10000 ms" }, "retry"],
    ["a network error", { kind: "error", error: "network", message: "connection refused" }, "retry"],
    ["a refused URL", { kind: "refused", reason: "the URL is refused: must use https" }, "drop"],
  ] as [string, AttemptOutcome, string][])("%s → %s", (_what, outcome, decision) => {
    expect(deliveryDecision(outcome)).toBe(decision);
  });
});

describe("outcomeError", () => {
  it.each([
    ["success", status(204), null],
    ["a server error", status(503), "HTTP 503"],
    ["410 Gone", status(410), "HTTP 410 Gone: the endpoint was disabled"],
    ["a redirect", status(302, "https://elsewhere.example/"), "HTTP 302: redirect to https://elsewhere.example/ not followed; register the final URL"],
    ["a timeout", { kind: "error", error: "timeout", message: "no response within 10000 ms" }, "timed out: no response within 10000 ms"],
    ["a network error", { kind: "error", error: "network", message: "connection refused" }, "network error: connection refused"],
  ] as [string, AttemptOutcome, string | null][])("describes %s", (_what, outcome, text) => {
    expect(outcomeError(outcome)).toBe(text);
  });
});
