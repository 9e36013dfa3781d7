// Does an event satisfy a behaviour rule's `match`? Every condition given must hold; within a list, any entry will do.
import type { BehaviorRuleConfig } from "../../../schema/scoring";
import { pathMatchesGlob, ruleRegex } from "./patterns";
import type { ScoringEvent } from "./types";

type Match = BehaviorRuleConfig["match"];

/** Events whose `name` is a link href. */
const LINK_TYPES = new Set(["click", "outbound", "download", "mailto", "tel"]);

const lower = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value.trim().toLowerCase() : null);

function pathOf(e: ScoringEvent): string | null {
  if (e.path) return e.path;
  if (!e.url) return null;
  try {
    return new URL(e.url).pathname;
  } catch {
    return null;
  }
}

/** The extension of the link target (click kinds) or of the page path, e.g. "pdf". */
export function extensionOf(e: ScoringEvent): string | null {
  const target = LINK_TYPES.has(e.type) && e.name ? e.name : pathOf(e);
  const file = (target ?? "").split(/[?#]/)[0]?.split("/").pop() ?? "";
  const dot = file.lastIndexOf(".");
  return dot > 0 ? file.slice(dot + 1).toLowerCase() : null;
}

function numeric(value: unknown): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

function oneOf(candidates: (string | null)[], wanted: string[]): boolean {
  return candidates.some((c) => c !== null && wanted.some((w) => w.trim().toLowerCase() === c));
}

/**
 * What a form says it is, as one lower-case line: the page's path (slashes as spaces), the form's id or name, and the
 * text of the button that submitted it — "/lp/spring-webinar demo-request request a demo" — so a demo form is known
 * for one wherever it is placed.
 */
export function formText(e: ScoringEvent): string {
  const parts = [pathOf(e)?.replaceAll("/", " "), e.name, e.props.form_id, e.props.form_name, e.props.form_button];
  return parts.filter((x): x is string => typeof x === "string" && x !== "").join(" ").trim().toLowerCase();
}

const checks: { [K in keyof Match]-?: (want: NonNullable<Match[K]>, e: ScoringEvent) => boolean } = {
  type: (types, e) => (types as string[]).includes(e.type),
  path: (globs, e) => {
    const path = pathOf(e);
    return path !== null && globs.some((g) => pathMatchesGlob(path, g));
  },
  url_matches: (source, e) => {
    const re = ruleRegex(source);
    const targets = [e.url, LINK_TYPES.has(e.type) ? e.name : null];
    return re !== null && targets.some((t) => t !== null && re.test(t));
  },
  form_matches: (source, e) => {
    const re = ruleRegex(source);
    return re !== null && e.type === "form" && re.test(formText(e));
  },
  name: (names, e) => oneOf([lower(e.name)], names),
  form: (forms, e) => e.type === "form" && oneOf([lower(e.props.form_id), lower(e.props.form_name), lower(e.name)], forms),
  extension: (extensions, e) => {
    const ext = extensionOf(e);
    return ext !== null && extensions.includes(ext);
  },
  props: (wanted, e) => Object.entries(wanted).every(([key, value]) => (e.props[key] ?? null) === value),
  props_at_least: (mins, e) =>
    Object.entries(mins).every(([key, min]) => {
      const n = numeric(e.props[key]);
      return n !== null && n >= min;
    }),
};

const CHECK_KEYS = Object.keys(checks) as (keyof Match)[];

export function eventMatches(match: Match, e: ScoringEvent): boolean {
  return CHECK_KEYS.every((key) => {
    const want = match[key];
    return want === undefined || (checks[key] as (w: unknown, e: ScoringEvent) => boolean)(want, e);
  });
}
