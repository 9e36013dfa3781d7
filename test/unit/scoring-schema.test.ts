// The scoring configuration schema: the default passes, invalid configs are rejected with issues that carry paths.
import { describe, expect, it } from "vitest";
import { parseScoringConfig } from "../../schema/scoring";
import { DEFAULT_SCORING } from "../../worker/core/scoring";

/** A small valid config; each invalid case below changes one thing in a fresh copy. */
function minimal(): Record<string, any> {
  return {
    behavior: { rules: [{ id: "pricing", description: "Visited pricing", points: 10, match: { path: ["/pricing*"] } }] },
    fit: { rules: [{ id: "senior", description: "Senior", points: 20, traits: ["job_title"], contains: ["director"] }], grades: { A: 60, B: 40, C: 20, D: 0, E: -20 } },
    labels: { rules: [{ label: "shopper", when: { any_rules: ["pricing"] } }] },
    stages: { mql_min_score: 50, mql_min_grade: "C", hysteresis: 10 },
  };
}

describe("parseScoringConfig", () => {
  it("accepts the default config and returns it unchanged", () => {
    const parsed = parseScoringConfig(JSON.parse(JSON.stringify(DEFAULT_SCORING)));
    expect(parsed).toEqual({ ok: true, config: DEFAULT_SCORING });
  });

  it("fills documented defaults for optional sections", () => {
    const parsed = parseScoringConfig(minimal());
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.config).toMatchObject({
      version: 1,
      half_life_days: 30,
      labels: { default: "browser" },
      quality: { min_form_fill_ms: 1500, junk_reasons: ["disposable_email", "competitor", "no_valid_contact", "honeypot", "bot"] },
      competitor_domains: [],
      free_mail_domains: [],
    });
  });

  it.each([
    ["negative points and regex tests", (c: any) => { c.behavior.rules[0].points = -15; c.fit.rules[0] = { ...c.fit.rules[0], contains: undefined, matches: "^(vp|head)\\b" }; }],
    ["globs with ** and segment globs", (c: any) => { c.behavior.rules[0].match = { path: ["**/compare/**", "*vs*"] }; }],
    ["equal grade thresholds (A–D + F)", (c: any) => { c.fit.grades.E = 0; }],
    ["competitor domains in any case", (c: any) => { c.competitor_domains = ["Rival.COM"]; }],
  ])("accepts %s", (_name, change) => {
    const config = minimal();
    change(config);
    expect(parseScoringConfig(config).ok).toBe(true);
  });

  it("lower-cases domains and extensions", () => {
    const config = minimal();
    config.competitor_domains = ["Rival.COM"];
    config.behavior.rules[0].match = { extension: ["PDF"] };
    const parsed = parseScoringConfig(config);
    expect(parsed.ok && [parsed.config.competitor_domains, parsed.config.behavior.rules[0]?.match.extension]).toEqual([["rival.com"], ["pdf"]]);
  });

  const invalid: [string, (c: any) => void, string, RegExp][] = [
    ["not an object", () => {}, "", /Expected Object/],
    ["a rule without points", (c) => { delete c.behavior.rules[0].points; }, "behavior.rules.0.points", /missing required key "points"/],
    ["an unknown top-level key", (c) => { c.extra = true; }, "extra", /unknown key "extra"/],
    ["an unknown key in a match", (c) => { c.behavior.rules[0].match.colour = "red"; }, "behavior.rules.0.match.colour", /unknown key/],
    ["points above the bound", (c) => { c.behavior.rules[0].points = 5000; }, "behavior.rules.0.points", /1000/],
    ["points that are not numbers", (c) => { c.behavior.rules[0].points = "10"; }, "behavior.rules.0.points", /number/],
    ["infinite points", (c) => { c.behavior.rules[0].points = Infinity; }, "behavior.rules.0.points", /finite/i],
    ["a zero daily cap", (c) => { c.behavior.rules[0].max_per_day = 0; }, "behavior.rules.0.max_per_day", /0/],
    ["a half-life of zero", (c) => { c.half_life_days = 0; }, "half_life_days", /0.01/],
    ["a rule id with spaces", (c) => { c.behavior.rules[0].id = "visited pricing"; }, "behavior.rules.0.id", /a-z/],
    ["an empty description", (c) => { c.behavior.rules[0].description = ""; }, "behavior.rules.0.description", /empty/],
    ["a match with no condition", (c) => { c.behavior.rules[0].match = {}; }, "behavior.rules.0.match", /at least one/],
    ["an unknown event type", (c) => { c.behavior.rules[0].match.type = ["hover"]; }, "behavior.rules.0.match.type.0", /pageview/],
    ["a glob with a space", (c) => { c.behavior.rules[0].match.path = ["/pri cing"]; }, "behavior.rules.0.match.path.0", /only \* and \*\*/],
    ["a glob with braces", (c) => { c.behavior.rules[0].match.path = ["/{a,b}"]; }, "behavior.rules.0.match.path.0", /only \* and \*\*/],
    ["a glob with ***", (c) => { c.behavior.rules[0].match.path = ["/***"]; }, "behavior.rules.0.match.path.0", /\*\*\*/],
    ["a regex that does not compile", (c) => { c.behavior.rules[0].match.url_matches = "(demo"; }, "behavior.rules.0.match.url_matches", /invalid regular expression/],
    ["a fit regex that does not compile", (c) => { c.fit.rules[0].matches = "[a-"; }, "fit.rules.0.matches", /invalid regular expression/],
    ["an extension with a dot", (c) => { c.behavior.rules[0].match.extension = [".pdf"]; }, "behavior.rules.0.match.extension.0", /no dot/],
    ["an empty path list", (c) => { c.behavior.rules[0].match.path = []; }, "behavior.rules.0.match.path", /empty/],
    ["a duplicate behaviour rule id", (c) => { c.behavior.rules.push({ ...c.behavior.rules[0] }); }, "behavior.rules.1.id", /duplicate rule id "pricing"/],
    ["a fit rule id already used by behaviour", (c) => { c.fit.rules[0].id = "pricing"; }, "fit.rules.0.id", /duplicate/],
    ["a fit rule without a test", (c) => { c.fit.rules[0].contains = undefined; }, "fit.rules.0", /needs a test/],
    ["a fit rule with min above max", (c) => { c.fit.rules[0] = { ...c.fit.rules[0], min: 10, max: 5 }; }, "fit.rules.0.min", /exceed/],
    ["a fit rule without traits", (c) => { c.fit.rules[0].traits = []; }, "fit.rules.0.traits", /empty/],
    ["grade thresholds out of order", (c) => { c.fit.grades.C = 45; }, "fit.grades.C", /above B/],
    ["a missing grade", (c) => { delete c.fit.grades.E; }, "fit.grades.E", /missing required key "E"/],
    ["an unknown grade", (c) => { c.stages.mql_min_grade = "G"; }, "stages.mql_min_grade", /"A"/],
    ["a negative hysteresis", (c) => { c.stages.hysteresis = -1; }, "stages.hysteresis", /0/],
    ["a label rule naming an unknown rule", (c) => { c.labels.rules[0].when.any_rules = ["pricing", "ghost"]; }, "labels.rules.0.when.any_rules.1", /no behavior rule with id "ghost"/],
    ["a label rule with no condition", (c) => { c.labels.rules[0].when = {}; }, "labels.rules.0.when", /at least one condition/],
    ["within_days without rules", (c) => { c.labels.rules[0].when = { min_score: 5, within_days: 7 }; }, "labels.rules.0.when.within_days", /any_rules or all_rules/],
    ["an unknown junk reason", (c) => { c.quality = { junk_reasons: ["ugly"] }; }, "quality.junk_reasons.0", /honeypot/],
    ["a fractional form-fill time", (c) => { c.quality = { min_form_fill_ms: 1.5 }; }, "quality.min_form_fill_ms", /integer/i],
    ["a competitor that is not a domain", (c) => { c.competitor_domains = ["not a domain"]; }, "competitor_domains.0", /domain/],
  ];

  it.each(invalid)("rejects %s with an issue at its path", (name, change, path, message) => {
    const config = name === "not an object" ? "nope" : minimal();
    if (typeof config === "object") change(config);
    const parsed = parseScoringConfig(config);
    expect(parsed.ok).toBe(false);
    const issues = parsed.ok ? [] : parsed.issues;
    const issue = issues.find((i) => i.path === path);
    expect(issue, JSON.stringify(issues)).toBeDefined();
    expect(issue?.message).toMatch(message);
  });

  it("reports every problem at once, not only the first", () => {
    const config = minimal();
    config.behavior.rules[0].points = 5000;
    config.stages.hysteresis = -1;
    config.extra = 1;
    const parsed = parseScoringConfig(config);
    expect(parsed.ok ? [] : parsed.issues.map((i) => i.path).sort()).toEqual(["behavior.rules.0.points", "extra", "stages.hysteresis"]);
  });
});
