// Which kind of site a source names (search, social, shopping, video, AI assistant), for the channel rules.
import { GA4_SOURCE_CATEGORIES } from "./data/ga4-source-categories";
import { knownReferrer, referrerCategoryOfName } from "./referrer-hosts";

export type SourceCategory = keyof typeof GA4_SOURCE_CATEGORIES | "ai";

const ga4 = new Map<string, SourceCategory>();
for (const [category, list] of Object.entries(GA4_SOURCE_CATEGORIES) as [SourceCategory, string][]) {
  for (const source of list.split("|")) ga4.set(source, category);
}

/**
 * The category of a (lower-cased) source. AI assistants first, so "chatgpt.com" (the utm_source ChatGPT adds to
 * its links) is never filed elsewhere; then GA4's own list, exactly as GA4 matches it; then the Matomo lists by
 * name ("github" → social) or by host ("l.instagram.com" → social), which GA4's list does not cover.
 */
export function sourceCategory(source: string): SourceCategory | null {
  if (!source) return null;
  const byName = referrerCategoryOfName(source);
  const byHost = source.includes(".") && !source.includes(" ") ? knownReferrer(source)?.category : undefined;
  if (byName === "ai" || byHost === "ai") return "ai";
  return ga4.get(source) ?? byName ?? byHost ?? null;
}
