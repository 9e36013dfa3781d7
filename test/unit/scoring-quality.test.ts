// Lead quality: malformed or disposable e-mail, impossible phones, honeypots, rushed forms, bots and competitors.
import { describe, expect, it } from "vitest";
import type { ScoringConfig } from "../../schema/scoring";
import { DEFAULT_SCORING, describeQualityReason, leadQuality, type ProfileFacts } from "../../worker/core/scoring";
import { isDisposableDomain } from "../../worker/core/scoring/disposable";

const CONFIG: ScoringConfig = { ...DEFAULT_SCORING, competitor_domains: ["rival.com"] };
const facts = (extra: Partial<ProfileFacts>): ProfileFacts => ({ traits: {}, email: null, phone: null, country: null, signals: {}, ...extra });

describe("leadQuality", () => {
  it.each<[string, Partial<ProfileFacts>, "valid" | "suspect" | "junk", string[]]>([
    ["an anonymous visitor", {}, "valid", []],
    ["a corporate e-mail", { email: "ana@acme.io" }, "valid", []],
    ["a valid phone in international form", { phone: "+44 7911 123456" }, "valid", []],
    ["a national phone read with the geo country", { phone: "030 1234567", country: "DE" }, "valid", []],
    ["a national phone with no country to read it by", { phone: "202 555 0143" }, "valid", []],
    ["a malformed e-mail and nothing else", { email: "ana@acme" }, "junk", ["invalid_email", "no_valid_contact"]],
    ["a malformed e-mail next to a valid phone", { email: "ana at acme.io", phone: "+1 202 555 0143" }, "suspect", ["invalid_email"]],
    ["a typo of a big provider", { email: "ana@gmial.com", phone: "+1 202 555 0143" }, "suspect", ["email_typo"]],
    ["a typo in the top-level domain", { email: "ana@acme.con", phone: "+1 202 555 0143" }, "suspect", ["email_typo"]],
    ["a disposable mailbox", { email: "lead@mailinator.com" }, "junk", ["disposable_email", "no_valid_contact"]],
    ["a disposable mailbox's subdomain", { email: "lead@x.mailinator.com", phone: "+1 202 555 0143" }, "junk", ["disposable_email"]],
    ["an impossible phone with a good e-mail", { email: "ana@acme.io", phone: "+1 555 555 5555" }, "suspect", ["impossible_phone"]],
    ["a phone made of letters", { email: "ana@acme.io", phone: "call me" }, "suspect", ["impossible_phone"]],
    ["an impossible phone alone", { phone: "12345", country: "US" }, "junk", ["impossible_phone", "no_valid_contact"]],
    ["a competitor", { email: "spy@rival.com" }, "junk", ["competitor"]],
    ["a honeypot filled", { email: "ana@acme.io", signals: { honeypot: true } }, "junk", ["honeypot"]],
    ["a form filled too fast", { email: "ana@acme.io", signals: { form_fill_ms: 400 } }, "suspect", ["form_too_fast"]],
    ["a form filled at human speed", { email: "ana@acme.io", signals: { form_fill_ms: 9000 } }, "valid", []],
    ["a bot", { email: "ana@acme.io", signals: { bot: true } }, "junk", ["bot"]],
    ["e-mail and phone only in the traits", { traits: { email: "lead@mailinator.com", phone: "+1 202 555 0143" } }, "junk", ["disposable_email"]],
  ])("%s → %s", (_name, extra, status, reasons) => {
    expect(leadQuality(facts(extra), CONFIG)).toEqual({ status, reasons });
  });

  it("lets a site decide which reasons are junk", () => {
    const lenient: ScoringConfig = { ...CONFIG, quality: { min_form_fill_ms: 1500, junk_reasons: ["bot"] } };
    expect(leadQuality(facts({ email: "lead@mailinator.com" }), lenient).status).toBe("suspect");
    expect(leadQuality(facts({ email: "ana@acme.io", signals: { form_fill_ms: 100 } }), { ...lenient, quality: { ...lenient.quality, min_form_fill_ms: 0 } })).toEqual({ status: "valid", reasons: [] });
  });

  it("explains every reason in plain words", () => {
    for (const reason of ["invalid_email", "email_typo", "disposable_email", "competitor", "impossible_phone", "no_valid_contact", "honeypot", "form_too_fast", "bot"]) {
      expect(describeQualityReason(reason)).not.toBe(reason);
    }
  });
});

describe("isDisposableDomain", () => {
  it.each([
    ["mailinator.com", true], ["10minutemail.com", true], ["guerrillamail.com", true], ["yopmail.com", true],
    ["gmail.com", false], ["acme.io", false], ["com", false],
  ])("%s → %s", (domain, expected) => {
    expect(isDisposableDomain(domain)).toBe(expected);
  });
});
