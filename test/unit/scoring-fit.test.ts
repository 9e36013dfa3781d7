// Fit from traits (corporate e-mail, seniority, BANT answers, company size, country, competitors) and grades from fit.
import { describe, expect, it } from "vitest";
import { parseScoringConfig, type ScoringConfig } from "../../schema/scoring";
import { DEFAULT_SCORING, gradeOf, type ProfileFacts } from "../../worker/core/scoring";
import { factLookup } from "../../worker/core/scoring/facts";
import { fitMatches, fitScore } from "../../worker/core/scoring/fit";
import { isFreeMailDomain } from "../../worker/core/scoring/free-mail";
import { evaluate } from "../../worker/core/scoring/evaluate";
import { isGradeAtLeast } from "../../worker/core/scoring/grade";
import { numericRange } from "../../worker/core/scoring/numeric-range";

const facts = (traits: Record<string, unknown>, extra: Partial<ProfileFacts> = {}): ProfileFacts => ({
  traits,
  email: null,
  phone: null,
  country: null,
  signals: {},
  ...extra,
});
const matchedIds = (f: ProfileFacts, config: ScoringConfig = DEFAULT_SCORING) => fitMatches(factLookup(f, config), config).map((m) => m.rule.id).sort();
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
    ["over 5k a month is 60k a year", facts({ budget: "Over $5k/month" }), ["budget_high"]],
    ["1k a month is 12k a year", facts({ budget: "1k/month" }), ["budget_mid"]],
    ["50 a week is under 1k a year? no: 2,600", facts({ budget: "$50 per week" }), []],
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
    expect(fitScore(fitMatches(factLookup(f, DEFAULT_SCORING), DEFAULT_SCORING))).toBe(pointsOf(expected));
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

describe("unknown fit", () => {
  const evaluated = (f: ProfileFacts, config: ScoringConfig = DEFAULT_SCORING) =>
    evaluate({ state: { version: 1, rules: {} }, facts: f, config, now: Date.UTC(2026, 0, 1) });

  it.each<[string, ProfileFacts, string | null]>([
    ["an anonymous visitor: nothing known", facts({}), null],
    ["a visitor whose country is known from geo, which no default rule reads", facts({}, { country: "DE" }), null],
    ["traits no fit rule reads", facts({ favourite_colour: "teal" }), null],
    ["a blank answer is not an answer", facts({ job_title: "  " }), null],
    ["a free-mail address: known, and poor", facts({}, { email: "ana@gmail.com" }), "E"],
    ["a corporate address", facts({}, { email: "ana@acme.io" }), "D"],
    ["a disposable address is known, though no rule scores it", facts({}, { email: "x@mailinator.com" }), "D"],
    ["a senior title alone", facts({ job_title: "VP Sales" }), "C"],
  ])("%s → %s", (_name, f, grade) => {
    expect(evaluated(f).grade).toBe(grade);
  });

  it("learns nothing from a rule that asks for a trait to be absent", () => {
    const config = { ...DEFAULT_SCORING, fit: { ...DEFAULT_SCORING.fit, rules: [{ id: "no_phone", description: "No phone", points: -5, traits: ["phone"], present: false }] } };
    expect(evaluated(facts({}), config)).toMatchObject({ fit: -5, grade: null });
    expect(evaluated(facts({}, { phone: "+14155550123" }), config)).toMatchObject({ fit: 0, grade: "D" });
  });

  it("passes only a minimum grade of F, which asks for nothing", () => {
    expect(isGradeAtLeast(null, "F")).toBe(true);
    expect(isGradeAtLeast(null, "E")).toBe(false);
    expect(isGradeAtLeast("E", "E")).toBe(true);
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
    // an amount per period is its annual figure
    ["Over $5k/month", { low: 60_000, high: Infinity }],
    ["5k/month", { low: 60_000, high: 60_000 }],
    ["10k a month", { low: 120_000, high: 120_000 }],
    ["€10,000–20,000 a year", { low: 10_000, high: 20_000 }],
    ["$500 per week", { low: 26_000, high: 26_000 }],
    ["2k monthly", { low: 24_000, high: 24_000 }],
    ["$3,000 pcm", { low: 36_000, high: 36_000 }],
    ["20k/m", { low: 240_000, high: 240_000 }],
    ["5-10k per quarter", { low: 20_000, high: 40_000 }],
    ["under 1k per month", { low: 0, high: 12_000 }],
    ["1,5m p.a.", { low: 1_500_000, high: 1_500_000 }],
    ["5m/yr", { low: 5_000_000, high: 5_000_000 }],
    ["Annual budget 80k", { low: 80_000, high: 80_000 }],
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
