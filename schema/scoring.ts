// The per-site scoring configuration (behaviour rules, fit rules, grades, labels, stages, quality), validated strictly.
// Format documented field by field in docs/SCORING.md; the shipped default is worker/core/scoring/default-config.ts.
import * as v from "valibot";

import { GRADES, SCORING_EVENT_TYPES } from "./vocabulary";

export { GRADES, SCORING_EVENT_TYPES } from "./vocabulary";
/** Every reason leadQuality can give; `quality.junk_reasons` picks which of them make a lead junk. */
export const QUALITY_REASONS = [
  "invalid_email", "email_typo", "disposable_email", "competitor", "impossible_phone", "no_valid_contact",
  "honeypot", "form_too_fast", "bot",
] as const;
export const DEFAULT_JUNK_REASONS: QualityReason[] = ["disposable_email", "competitor", "no_valid_contact", "honeypot", "bot"];
export type QualityReason = (typeof QUALITY_REASONS)[number];

type Key = string | number;
/** Issue path for cross-field checks, so they point at the offending value like schema issues do. */
function pathTo(root: unknown, keys: Key[]): [v.IssuePathItem, ...v.IssuePathItem[]] {
  let input: unknown = root;
  const items = keys.map((key) => {
    const value = (input as Record<Key, unknown> | undefined)?.[key];
    const item: v.UnknownPathItem = { type: "unknown", origin: "value", input, key, value };
    input = value;
    return item;
  });
  return items as [v.IssuePathItem, ...v.IssuePathItem[]];
}

const Id = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9_]{0,63}$/, "use a-z, 0-9 and _ (start with a letter, at most 64)"));
const Text = v.pipe(v.string(), v.minLength(1, "must not be empty"), v.maxLength(200));
const Num = (min: number, max: number) => v.pipe(v.number(), v.finite(), v.minValue(min), v.maxValue(max));
const Points = Num(-1000, 1000);
const Cap = v.pipe(v.number(), v.finite(), v.gtValue(0), v.maxValue(1_000_000));
/** 0.01 days is ~15 minutes: anything shorter makes scores vanish between two clicks. */
const HalfLifeDays = Num(0.01, 3650);
const list = <T extends v.GenericSchema>(item: T, max = 100) =>
  v.pipe(v.array(item), v.minLength(1, "must not be empty"), v.maxLength(max));
const maxKeys = <T extends object>(n: number) => v.check<T, string>((o) => Object.keys(o).length <= n, `at most ${n} keys`);

const Glob = v.pipe(
  Text,
  v.check((g) => !/[\s[\]{}]/.test(g), "globs support only * and ** (no spaces, [] or {})"),
  v.check((g) => !g.includes("***"), "use * (one segment) or ** (any depth), not ***"),
);
const Regex = v.pipe(
  Text,
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    try {
      new RegExp(dataset.value, "i");
    } catch (e) {
      addIssue({ message: `invalid regular expression: ${(e as Error).message}` });
    }
  }),
);
const Domain = v.pipe(
  v.string(),
  v.toLowerCase(),
  v.regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/, "must be a domain like example.com"),
);
const Extension = v.pipe(v.string(), v.toLowerCase(), v.regex(/^[a-z0-9]{1,10}$/, "an extension like pdf (no dot)"));
const Scalar = v.union([v.string(), v.number(), v.boolean(), v.null()]);
const PropName = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const hasSome = (o: object) => Object.values(o).some((x) => x !== undefined);

const Match = v.pipe(
  v.strictObject({
    type: v.optional(list(v.picklist(SCORING_EVENT_TYPES), SCORING_EVENT_TYPES.length)),
    path: v.optional(list(Glob)),
    url_matches: v.optional(Regex),
    /** a regular expression tested against what a form says it is: the page path, the form's id or name and its submit button's text */
    form_matches: v.optional(Regex),
    name: v.optional(list(Text)),
    form: v.optional(list(Text)),
    extension: v.optional(list(Extension)),
    props: v.optional(v.pipe(v.record(PropName, Scalar), maxKeys(20))),
    props_at_least: v.optional(v.pipe(v.record(PropName, Num(-1e12, 1e12)), maxKeys(20))),
  }),
  v.check((m) => hasSome(m), "a rule must match on at least one thing"),
);

const BehaviorRule = v.strictObject({
  id: Id,
  description: Text,
  points: Points,
  match: Match,
  max_per_day: v.optional(Cap),
  max_lifetime: v.optional(Cap),
  // Removed: one half-life per site keeps "hottest first" exact at every instant (docs/SCORING.md, "Decay").
  half_life_days: v.optional(v.never("rules have no half-life of their own; every rule fades at the top-level half_life_days")),
});

const FitRule = v.pipe(
  v.strictObject({
    id: Id,
    description: Text,
    points: Points,
    group: v.optional(Id),
    traits: list(v.pipe(v.string(), v.regex(/^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/, "a trait name like job_title")), 10),
    any_of: v.optional(list(v.union([v.string(), v.number(), v.boolean()]), 200)),
    contains: v.optional(list(Text, 200)),
    matches: v.optional(Regex),
    min: v.optional(Num(-1e15, 1e15)),
    max: v.optional(Num(-1e15, 1e15)),
    present: v.optional(v.boolean()),
  }),
  v.check(
    (r) => [r.any_of, r.contains, r.matches, r.min, r.max, r.present].some((x) => x !== undefined),
    "a fit rule needs a test: any_of, contains, matches, min, max or present",
  ),
  v.rawCheck(({ dataset, addIssue }) => {
    const r = dataset.typed ? dataset.value : null;
    if (r?.min !== undefined && r.max !== undefined && r.min > r.max) addIssue({ message: "min must not exceed max", path: pathTo(r, ["min"]) });
  }),
);

const GradeThresholds = v.pipe(
  v.strictObject({ A: Num(-1e6, 1e6), B: Num(-1e6, 1e6), C: Num(-1e6, 1e6), D: Num(-1e6, 1e6), E: Num(-1e6, 1e6) }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const g = dataset.value;
    (["B", "C", "D", "E"] as const).forEach((k, i) => {
      const better = GRADES[i] as "A" | "B" | "C" | "D";
      if (g[k] > g[better]) addIssue({ message: `must not be above ${better} (${g[better]})`, path: pathTo(g, [k]) });
    });
  }),
);

const LabelWhen = v.pipe(
  v.strictObject({
    min_score: v.optional(Num(-1e6, 1e6)),
    max_score: v.optional(Num(-1e6, 1e6)),
    min_fit: v.optional(Num(-1e6, 1e6)),
    min_grade: v.optional(v.picklist(GRADES)),
    any_rules: v.optional(list(Id)),
    all_rules: v.optional(list(Id)),
    within_days: v.optional(Num(0.001, 3650)),
  }),
  v.check((w) => hasSome(w), "a label rule needs at least one condition"),
  v.rawCheck(({ dataset, addIssue }) => {
    const w = dataset.typed ? dataset.value : null;
    if (w?.within_days !== undefined && !w.any_rules && !w.all_rules) {
      addIssue({ message: "within_days needs any_rules or all_rules", path: pathTo(w, ["within_days"]) });
    }
  }),
);

const Quality = v.strictObject({
  min_form_fill_ms: v.optional(v.pipe(Num(0, 600_000), v.integer()), 1500),
  junk_reasons: v.optional(v.pipe(v.array(v.picklist(QUALITY_REASONS)), v.maxLength(QUALITY_REASONS.length)), DEFAULT_JUNK_REASONS),
});

/** Rule ids name breakdown lines and label references, so they must be unique across behaviour and fit. */
function checkRuleIds(config: { behavior: { rules: { id: string }[] }; fit: { rules: { id: string }[] } }, addIssue: v.RawCheckAddIssue<unknown>): void {
  const seen = new Map<string, string>();
  for (const kind of ["behavior", "fit"] as const) {
    config[kind].rules.forEach((rule, i) => {
      const first = seen.get(rule.id);
      if (first) addIssue({ message: `duplicate rule id "${rule.id}" (first used at ${first})`, path: pathTo(config, [kind, "rules", i, "id"]) });
      else seen.set(rule.id, `${kind}.rules.${i}`);
    });
  }
}

const ConfigObject = v.strictObject({
  version: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1e9)), 1),
  half_life_days: v.optional(HalfLifeDays, 30),
  behavior: v.strictObject({ rules: v.pipe(v.array(BehaviorRule), v.maxLength(200)) }),
  fit: v.strictObject({ rules: v.pipe(v.array(FitRule), v.maxLength(200)), grades: GradeThresholds }),
  labels: v.strictObject({
    default: v.optional(Id, "browser"),
    rules: v.optional(v.pipe(v.array(v.strictObject({ label: Id, when: LabelWhen })), v.maxLength(50)), []),
  }),
  stages: v.strictObject({ mql_min_score: Num(-1e6, 1e6), mql_min_grade: v.picklist(GRADES), hysteresis: Num(0, 1e6) }),
  quality: v.optional(Quality, {}),
  competitor_domains: v.optional(v.pipe(v.array(Domain), v.maxLength(1000)), []),
  free_mail_domains: v.optional(v.pipe(v.array(Domain), v.maxLength(1000)), []),
});

export const ScoringConfigSchema = v.pipe(
  ConfigObject,
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const config = dataset.value;
    checkRuleIds(config, addIssue);
    const behaviorIds = new Set(config.behavior.rules.map((r) => r.id));
    config.labels.rules.forEach((rule, i) => {
      for (const key of ["any_rules", "all_rules"] as const) {
        rule.when[key]?.forEach((id, j) => {
          if (!behaviorIds.has(id)) addIssue({ message: `no behavior rule with id "${id}"`, path: pathTo(config, ["labels", "rules", i, "when", key, j]) });
        });
      }
    });
  }),
);

export type ScoringConfig = v.InferOutput<typeof ScoringConfigSchema>;
export type BehaviorRuleConfig = ScoringConfig["behavior"]["rules"][number];
export type FitRuleConfig = ScoringConfig["fit"]["rules"][number];
export type LabelRuleConfig = ScoringConfig["labels"]["rules"][number];
export type ConfigIssue = { path: string; message: string };

/** valibot words key problems as "Invalid key: Expected …"; a site owner needs to hear which key is wrong and how. */
export function issueMessage(issue: v.BaseIssue<unknown>): string {
  if (issue.kind !== "schema" || !issue.message.startsWith("Invalid key")) return issue.message;
  return issue.expected === "never" ? `unknown key ${issue.received}` : `missing required key ${issue.expected}`;
}

export function parseScoringConfig(input: unknown): { ok: true; config: ScoringConfig } | { ok: false; issues: ConfigIssue[] } {
  const result = v.safeParse(ScoringConfigSchema, input, { abortEarly: false });
  if (result.success) return { ok: true, config: result.output };
  return { ok: false, issues: result.issues.map((issue) => ({ path: v.getDotPath(issue) ?? "", message: issueMessage(issue) })) };
}
