// A site's routing (CONTRACT §10): its owners, the rules that give a lead an owner, the fallback, when leads are
// assigned and the follow-up deadline. Validated strictly; references to owners are checked after the shape.
// docs/ROUTING.md documents every field.
import * as v from "valibot";
import { issueMessage, type ConfigIssue } from "./scoring";
import { oneOrMany } from "./webhooks";
import { ASSIGN_STAGES, CHANNELS, GRADES, STAGES } from "./vocabulary";

/** "none" is what the profile list's owner=none filter means, so no owner may be called that. */
export const NO_OWNER = "none";

export const OwnerId = v.pipe(
  v.string(),
  v.regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/i, "letters, digits, _, . and - (start with a letter or digit, at most 64)"),
  v.check((id) => id.toLowerCase() !== NO_OWNER, `"${NO_OWNER}" is reserved (owner=${NO_OWNER} lists unassigned leads)`),
);

const Text = (max: number) => v.pipe(v.string(), v.trim(), v.minLength(1, "must not be empty"), v.maxLength(max));
const AlertUrl = v.pipe(v.string(), v.minLength(1), v.maxLength(2048));
const isPattern = (s: string) => {
  try {
    new RegExp(s, "i");
    return true;
  } catch {
    return false;
  }
};

const Owner = v.strictObject({
  id: OwnerId,
  name: Text(200),
  email: v.optional(v.pipe(v.string(), v.trim(), v.email("an e-mail address"), v.maxLength(320))),
  /** a Slack incoming-webhook URL (https://hooks.slack.com/services/…) */
  slack_url: v.optional(AlertUrl),
  /** a Microsoft Teams incoming-webhook URL */
  teams_url: v.optional(AlertUrl),
});

const When = v.strictObject({
  country: v.optional(oneOrMany(v.pipe(v.string(), v.toUpperCase(), v.regex(/^[A-Z]{2}$/, "a two-letter country code such as PT")))),
  grade: v.optional(oneOrMany(v.picklist(GRADES))),
  label: v.optional(oneOrMany(Text(64))),
  stage: v.optional(oneOrMany(v.picklist(STAGES))),
  channel: v.optional(oneOrMany(v.picklist(CHANNELS))),
  /** a trait whose text matches a regular expression (case-insensitive), e.g. {"name":"company_size","matches":"^(200|1000)"} */
  trait: v.optional(v.strictObject({ name: Text(128), matches: v.pipe(Text(200), v.check(isPattern, "not a valid regular expression")) })),
});

const Assign = v.union(
  [OwnerId, v.strictObject({ round_robin: v.pipe(v.array(OwnerId), v.minLength(1, "name at least one owner"), v.maxLength(100)) })],
  'an owner id, or {"round_robin":[owner ids]}',
);

const RoutingObject = v.strictObject({
  owners: v.pipe(v.array(Owner), v.maxLength(100)),
  rules: v.optional(v.pipe(v.array(v.strictObject({ when: v.optional(When, {}), assign: Assign })), v.maxLength(100)), []),
  fallback: v.optional(OwnerId),
  assign_at: v.optional(v.picklist(ASSIGN_STAGES), "mql"),
  follow_up: v.optional(
    v.strictObject({
      within_minutes: v.pipe(v.number(), v.integer("whole minutes"), v.minValue(1), v.maxValue(30 * 24 * 60)),
      escalate_to: v.optional(OwnerId),
    }),
  ),
  /** what GET adds; sending them back is allowed and changes nothing */
  site: v.optional(v.unknown()),
  version: v.optional(v.unknown()),
});

export type RoutingConfig = Omit<v.InferOutput<typeof RoutingObject>, "site" | "version">;
export type RoutingOwner = RoutingConfig["owners"][number];
export type RoutingRule = RoutingConfig["rules"][number];
export type RoutingWhen = RoutingRule["when"];

/** Every owner named anywhere must be one of `owners`, once; an owner id appears once in `owners`. */
function referenceIssues(config: RoutingConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const known = new Set<string>();
  config.owners.forEach((o, i) => {
    if (known.has(o.id)) issues.push({ path: `owners.${i}.id`, message: `the owner id "${o.id}" is used twice` });
    known.add(o.id);
  });
  const check = (id: string | undefined, path: string) => {
    if (id !== undefined && !known.has(id)) issues.push({ path, message: `no owner with id "${id}" in owners` });
  };
  config.rules.forEach((rule, i) => {
    if (typeof rule.assign === "string") return check(rule.assign, `rules.${i}.assign`);
    const seen = new Set<string>();
    rule.assign.round_robin.forEach((id, j) => {
      if (seen.has(id)) issues.push({ path: `rules.${i}.assign.round_robin.${j}`, message: `"${id}" is listed twice` });
      seen.add(id);
      check(id, `rules.${i}.assign.round_robin.${j}`);
    });
  });
  check(config.fallback, "fallback");
  check(config.follow_up?.escalate_to, "follow_up.escalate_to");
  return issues;
}

/** The routing as saved, or every problem by its path. (URLs are checked against SSRF by core/routing/config.ts.) */
export function parseRoutingShape(input: unknown): { ok: true; config: RoutingConfig } | { ok: false; issues: ConfigIssue[] } {
  const result = v.safeParse(RoutingObject, input, { abortEarly: false });
  if (!result.success) return { ok: false, issues: result.issues.map((issue) => ({ path: v.getDotPath(issue) ?? "", message: issueMessage(issue) })) };
  const { site: _site, version: _version, ...config } = result.output;
  const issues = referenceIssues(config);
  return issues.length ? { ok: false, issues } : { ok: true, config };
}

/** The body of POST /api/v1/sites/{id}/routing/test: which owner hears the test alert. */
export const TestAlert = v.strictObject({ owner: OwnerId });
