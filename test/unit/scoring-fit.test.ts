// Fit from traits (corporate e-mail, seniority, BANT answers, company size, country, competitors) and grades from fit.
import { describe, expect, it } from "vitest";
import { parseScoringConfig, type ScoringConfig } from "../../schema/scoring";
import { DEFAULT_SCORING, gradeOf, type ProfileFacts } from "../../worker/core/scoring";
import { fitMatches, fitScore } from "../../worker/core/scoring/fit";
import { isFreeMailDomain } from "../../worker/core/scoring/free-mail";
import { numericRange } from "../../worker/core/scoring/numeric-range";

const facts = (traits: Record<string, unknown>, extra: Partial<ProfileFacts> = {}): ProfileFacts => ({
  traits,
  email: null,
  phone: null,
  country: null,
  signals: {},
  ...extra,
});
const matchedIds = (f: ProfileFacts, config: ScoringConfig = DEFAULT_SCORING) => fitMatches(f, config).map((m) => m.rule.id).sort();
/** Points straight from the config table, to compare the code's sum against. */
const pointsOf = (ids: string[], config: ScoringConfig = DEFAULT_SCORING) =>
  ids.reduce((sum, id) => sum + (config.fit.rules.find((r) => r.id === id)?.points ?? NaN), 0);

describe("default fit rules", () => {
  it.each<[string, ProfileFacts, string[]]>([
    ["nothing known", facts({}), []],
    ["a corporate e-mail", facts({}, { email: "ana@acme.io" }), ["corporate_email"]],
    ["an e-mail only in the traits", facts({ email: "Ana@Acme.io" }), ["corporate_email"]],
    ["a free-mail address", facts({}, { email: "ana@gmail.com" }), ["free_email"]],
    ["a free-mail provider under a country domain", facts({}, { email: "ana@yahoo.co.uk" }), ["free_email"]],
    ["a disposable address is neither corporate nor free", facts({}, { email: "x@mailinator.com" }), []],
    ["a malformed address counts for nothing", facts({}, { email: "ana@@acme" }), []],
    ["a CEO", facts({ job_title: "CEO & Co-Founder" }), ["executive"]],
    ["a president", facts({ job_title: "President" }), ["executive"]],
    ["a vice president is a VP, not an executive", facts({ job_title: "Vice President, Sales" }), ["vp_director"]],
    ["a director (which contains no 'cto')", facts({ job_title: "Director of Marketing" }), ["vp_director"]],
    ["a head of a function, from the role trait", facts({ role: "Head of Growth" }), ["vp_director"]],
    ["a VP who is also a manager counts once", facts({ job_title: "VP, Product Manager" }), ["vp_director"]],
    ["a manager", facts({ job_title: "Marketing Manager" }), ["manager"]],
    ["a student", facts({ job_title: "Student" }), ["student"]],
    ["an intern in a senior team counts as intern", facts({ job_title: "Intern, Office of the CEO" }), ["student"]],
    ["a large budget", facts({ budget: "$50k+" }), ["budget_high"]],
    ["a budget range", facts({ budget: "10,000 - 49,999 EUR" }), ["budget_mid"]],
    ["a small budget", facts({ budget: "under $1k" }), ["budget_low"]],
    ["a numeric budget", facts({ budget: 75000 }), ["budget_high"]],
    ["a stated need", facts({ need: "We lose leads between forms and the CRM" }), ["need_stated"]],
    ["a blank need", facts({ need: "   " }), []],
    ["a near timeline", facts({ timeline: "This quarter" }), ["timeline_soon"]],
    ["a 1–3 month timeline with an en dash", facts({ timeline: "1–3 months" }), ["timeline_soon"]],
    ["a later timeline", facts({ timeline: "6-12 months" }), ["timeline_later"]],
    ["no plans, even though it says 'now'", facts({ timeline: "Not right now" }), ["timeline_none"]],
    ["a large company", facts({ company_size: "201-500" }), ["company_large"]],
    ["a mid-size company", facts({ company_size: "51-200" }), ["company_mid"]],
    ["a one-person company", facts({ company_size: "1" }), ["company_solo"]],
    ["a multi-select answer", facts({ timeline: ["next quarter"] }), ["timeline_later"]],
    [
      "a full BANT lead",
      facts({ job_title: "CTO", budget: "100k+", need: "lead routing", timeline: "ASAP", company_size: 350 }, { email: "cto@acme.io" }),
      ["budget_high", "company_large", "corporate_email", "executive", "need_stated", "timeline_soon"],
    ],
  ])("%s", (_name, f, expected) => {
    expect(matchedIds(f)).toEqual([...expected].sort());
    expect(fitScore(fitMatches(f, DEFAULT_SCORING))).toBe(pointsOf(expected));
  });
});

describe("configured fit rules", () => {
  const parsed = parseScoringConfig({
    ...JSON.parse(JSON.stringify(DEFAULT_SCORING)),
    competitor_domains: ["rival.com"],
    free_mail_domains: ["isp.example"],
    fit: {
      grades: DEFAULT_SCORING.fit.grades,
      rules: [
        ...DEFAULT_SCORING.fit.rules,
        { id: "target_market", description: "In our market", points: 10, traits: ["country"], any_of: ["DE", "AT", "CH"] },
        { id: "no_country", description: "Country unknown", points: -1, traits: ["country"], present: false },
        { id: "sanctioned", description: "Outside our markets", points: -50, traits: ["country"], matches: "^(?!(DE|AT|CH)$)" },
      ],
    },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const config = parsed.config;

  it.each<[string, ProfileFacts, string[]]>([
    ["a competitor by e-mail domain", facts({}, { email: "spy@rival.com" }), ["competitor", "corporate_email", "no_country"]],
    ["a competitor's subdomain", facts({}, { email: "spy@eu.rival.com" }), ["competitor", "corporate_email", "no_country"]],
    ["an extra free-mail domain", facts({}, { email: "ana@isp.example" }), ["free_email", "no_country"]],
    ["a country in the list, from geo", facts({}, { country: "de" }), ["target_market"]],
    ["a country trait wins over geo", facts({ country: "AT" }, { country: "US" }), ["target_market"]],
    ["a country not in the list", facts({}, { country: "US" }), ["sanctioned"]],
  ])("%s", (_name, f, expected) => {
    expect(matchedIds(f, config)).toEqual([...expected].sort());
  });
});

describe("gradeOf", () => {
  const grades = DEFAULT_SCORING.fit.grades;
  it.each([
    [100, "A"], [60, "A"], [59.9, "B"], [40, "B"], [20, "C"], [0, "D"], [-0.5, "E"], [-20, "E"], [-21, "F"], [-500, "F"],
  ] as const)("fit %d → %s", (fit, grade) => {
    expect(gradeOf(fit, grades)).toBe(grade);
  });

  it("skips a grade whose threshold equals the one above (A–D + F)", () => {
    expect(gradeOf(-5, { ...grades, E: grades.D })).toBe("F");
  });
});

describe("numericRange", () => {
  it.each<[unknown, { low: number; high: number } | null]>([
    [250, { low: 250, high: 250 }],
    ["10000", { low: 10_000, high: 10_000 }],
    ["$10k–50k", { low: 10_000, high: 50_000 }],
    ["10-50k", { low: 10_000, high: 50_000 }],
    ["50,000 - 100,000", { low: 50_000, high: 100_000 }],
    ["1,5 Mio €", { low: 1_500_000, high: 1_500_000 }],
    ["$50k+", { low: 50_000, high: Infinity }],
    ["more than 1m", { low: 1_000_000, high: Infinity }],
    ["under 5k", { low: 0, high: 5_000 }],
    ["< 1000", { low: 0, high: 1_000 }],
    ["11-50 employees", { low: 11, high: 50 }],
    ["3 months", { low: 3, high: 3 }],
    ["not sure", null],
    [null, null],
  ])("%s → %o", (input, expected) => {
    expect(numericRange(input)).toEqual(expected);
  });
});

describe("isFreeMailDomain", () => {
  it.each([
    ["gmail.com", true], ["proton.me", true], ["gmx.de", true], ["hotmail.fr", true], ["outlook.com.br", true],
    ["acme.io", false], ["live.acme.com", false], ["gmail.acme.com", false], ["mygmail.com", false],
  ])("%s → %s", (domain, expected) => {
    expect(isFreeMailDomain(domain)).toBe(expected);
  });
});
