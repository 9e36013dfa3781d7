// The snippet lets out only fields whose hint holds a word of a trait, never secrets; the collector names them.
import { describe, expect, it } from "vitest";
import { SECRET, WANTED } from "../../snippet/src/fields";
import { FIELD_TRAITS, traitOfHint } from "../../worker/core/events/field-traits";

const hint = (autocomplete: string, type: string, name: string) => `?${autocomplete} ${type} ${name}`.toLowerCase();

describe("the snippet's words and the collector's table", () => {
  it("every word the snippet lets out names a trait here, and every pattern here is let out", () => {
    const words = WANTED.source.split("|");
    for (const word of words) expect(traitOfHint(word), word).not.toBeNull();
    for (const [trait, pattern] of FIELD_TRAITS) {
      for (const alternative of pattern.source.split("|")) expect(WANTED.test(alternative), `${trait}: ${alternative}`).toBe(true);
    }
  });

  it("secret hints are never wanted for sending, whatever else they say", () => {
    for (const h of [hint("current-password", "password", "pass"), hint("cc-number", "text", "card"), hint("one-time-code", "text", "otp"), hint("", "hidden", "email")]) {
      expect(SECRET.test(h), h).toBe(true);
    }
  });
});

