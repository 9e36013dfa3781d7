// The snippet lets out only fields whose hint holds a word of a trait, never secrets or card numbers; the collector
// names them.
import { describe, expect, it } from "vitest";
import { fieldKey } from "../../snippet/src/fields";
import { FIELD_TRAITS, traitOfHint } from "../../worker/core/events/field-traits";

const hint = (autocomplete: string, type: string, name: string) => `?${autocomplete} ${type} ${name}`.toLowerCase();

/** The wanted words, read from fieldKey's own pattern (literal there: a named constant would cost the snippet bytes). */
function wantedWords(): string[] {
  const pattern = /\/(mail\|[^/]*)\//.exec(String(fieldKey));
  expect(pattern, "fieldKey's pattern of wanted words").not.toBeNull();
  return pattern![1]!.split("|");
}

describe("the snippet's words and the collector's table", () => {
  it("every word the snippet lets out names a trait here, and every pattern here is let out", () => {
    const words = wantedWords();
    expect(words.length).toBeGreaterThan(10);
    for (const word of words) {
      expect(fieldKey(`?${word}`, "x"), word).toBe(`?${word}`);
      expect(traitOfHint(word), word).not.toBeNull();
    }
    for (const [trait, pattern] of FIELD_TRAITS) {
      for (const alternative of pattern.source.split("|")) expect(fieldKey(alternative, "x"), `${trait}: ${alternative}`).toBe(alternative);
    }
  });

  it("a hint without a wanted word is not let out, unless data-pista-field names it", () => {
    expect(fieldKey(hint("", "text", "favourite_colour"), "teal")).toBe(false);
    expect(fieldKey(hint("", "text", "favourite_colour"), "teal", "colour", "favourite_colour")).toBe("colour");
    expect(fieldKey(hint("", "text", "favourite_colour"), "teal", "", "favourite_colour")).toBe("favourite_colour");
  });

  it("secret hints are never let out, whatever else they say, even when data-pista-field names them", () => {
    for (const h of [hint("current-password", "password", "pass"), hint("cc-number", "text", "card"), hint("one-time-code", "text", "otp"), hint("", "hidden", "email")]) {
      expect(fieldKey(h, "x"), h).toBe(false);
      expect(fieldKey(h, "x", "named"), h).toBe(false);
    }
  });

  it.each([
    ["4242 4242 4242 4242", false],
    ["4111-1111-1111-1111", false],
    ["4111111111111111", false],
    [" 3782-822463-10005 ", false],
    ["+44 20 7946 0958", true],
    ["020 7946 0958", true],
    ["12345678901234567890", true],
  ])("a value shaped like a card number (13–19 digits, spaces and dashes) is never let out: %j → %s", (value, letOut) => {
    const phone = hint("tel", "tel", "phone");
    expect(fieldKey(phone, value)).toBe(letOut ? phone : false);
  });
});
