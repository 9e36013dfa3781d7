// Does one fit rule hold for a profile's facts, and on which trait value? Tests given together must all pass.
import type { FitRuleConfig } from "../../../schema/scoring";
import { numericRange } from "./numeric-range";
import type { FactLookup } from "./facts";
import { boundedMemo } from "./memo";
import { ruleRegex } from "./patterns";

export interface FitHit {
  trait: string;
  /** the value that satisfied the rule; null for `present: false` */
  value: string | null;
}

/** A trait's usable values: scalars as text, multi-select arrays element by element, blanks dropped. */
function valuesOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(valuesOf);
  if (typeof value === "string") return value.trim() === "" ? [] : [value.trim()];
  return typeof value === "number" || typeof value === "boolean" ? [String(value)] : [];
}

/** Words only, lower-case, single-spaced: "1–3 months" and "1-3 Months" read the same, "director" never contains "cto". */
const words = boundedMemo(5000, (s) => ` ${s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `);
const rangeOfText = boundedMemo(2000, numericRange);
const plain = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");

function valuePasses(rule: FitRuleConfig, raw: unknown, text: string): boolean {
  if (rule.any_of && !rule.any_of.some((option) => plain(String(option)) === plain(text))) return false;
  if (rule.contains) {
    const haystack = words(text);
    if (!rule.contains.some((phrase) => haystack.includes(words(phrase)))) return false;
  }
  if (rule.matches !== undefined && !ruleRegex(rule.matches)?.test(text)) return false;
  if (rule.min !== undefined || rule.max !== undefined) {
    const range = typeof raw === "number" ? numericRange(raw) : rangeOfText(text);
    if (!range || (rule.min !== undefined && range.low < rule.min) || (rule.max !== undefined && range.high > rule.max)) return false;
  }
  return true;
}

export function fitRuleHit(rule: FitRuleConfig, fact: FactLookup): FitHit | null {
  const onlyPresence = [rule.any_of, rule.contains, rule.matches, rule.min, rule.max].every((x) => x === undefined);
  if (rule.present !== undefined) {
    const found = rule.traits.find((t) => valuesOf(fact(t)).length > 0);
    if ((found !== undefined) !== rule.present) return null;
    if (onlyPresence) return { trait: found ?? rule.traits[0] ?? "", value: found ? (valuesOf(fact(found))[0] ?? null) : null };
  }
  for (const trait of rule.traits) {
    const raw = fact(trait);
    for (const text of valuesOf(raw)) if (valuePasses(rule, raw, text)) return { trait, value: text };
  }
  return null;
}
