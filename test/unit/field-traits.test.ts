// Form fields the snippet sends under their hints ("?autocomplete type name") become traits at the collector.
import { describe, expect, it } from "vitest";
import { FIELD_TRAITS, namedTraits, traitOfHint } from "../../worker/core/events/field-traits";

/** The hint the snippet builds for a field (snippet/src/forms.ts): "?" + autocomplete, type and name. */
const hint = (autocomplete: string, type: string, name: string) => `?${autocomplete} ${type} ${name}`.toLowerCase();

describe("traitOfHint", () => {
  const CASES: [field: string, h: string, trait: string | null][] = [
    ["type=email", hint("", "email", "contact"), "email"],
    ["a name with mail", hint("", "text", "work_email"), "email"],
    ["autocomplete=email on a web component", hint("email", "text", "sl-field"), "email"],
    ["type=tel", hint("", "tel", "mobile"), "phone"],
    ["autocomplete=organization-title before organization", hint("organization-title", "text", "x"), "job_title"],
    ["job_title", hint("", "text", "job_title"), "job_title"],
    ["a role", hint("", "text", "your-role"), "job_title"],
    ["company size before company", hint("", "select-one", "company_size"), "company_size"],
    ["team size", hint("", "text", "team_size"), "company_size"],
    ["autocomplete=organization", hint("organization", "text", "x"), "company"],
    ["company name before name", hint("", "text", "company_name"), "company"],
    ["budget", hint("", "select-one", "budget"), "budget"],
    ["timeline", hint("", "radio", "timeline"), "timeline"],
    ["a message", hint("", "textarea", "message"), "need"],
    ["country before name", hint("country-name", "text", "x"), "country"],
    ["first name", hint("given-name", "text", "first_name"), "first_name"],
    ["last name", hint("family-name", "text", "last_name"), "last_name"],
    ["a full name", hint("name", "text", "full_name"), "name"],
    ["a field of no trait", hint("", "text", "favourite_colour"), null],
  ];
  it.each(CASES)("%s", (_what, h, trait) => {
    expect(traitOfHint(h.slice(1))).toBe(trait);
  });
});

describe("namedTraits", () => {
  it("names hint keys, drops those that name nothing, keeps page-named keys and lets them win", () => {
    expect(
      namedTraits({
        "?email email work_email": "ada@example.com",
        "? text favourite_colour": "teal",
        "? text full_name": "Ada Lovelace",
        colour: "teal",
        user_id: "u-1",
      }),
    ).toEqual({ email: "ada@example.com", name: "Ada Lovelace", colour: "teal", user_id: "u-1" });
    expect(namedTraits({ "? text company": "From the field", company: "From data-pista-field" })).toEqual({ company: "From data-pista-field" });
  });

  it("lets a later field of the same trait win, as the snippet did", () => {
    expect(namedTraits({ "? text name": "Ada", "? text full_name": "Ada Lovelace" })).toEqual({ name: "Ada Lovelace" });
  });
});
