// Which owner a lead goes to: the first rule whose conditions all hold, else the fallback. A round robin takes the
// owner its counter points at; the counter's value is passed in and the caller advances it, so this stays pure and the
// store can make "read the counter, assign, advance it" one atomic step (docs/ROUTING.md, "Round robin").
import type { RoutingConfig, RoutingOwner, RoutingWhen } from "../../../schema/routing";
import type { ProfileRecord } from "../profiles/profile";

/** What rules read about a lead, as the plan leaves it. */
export interface RoutingFacts {
  country: string | null;
  grade: string | null;
  label: string;
  stage: string;
  /** of the first touch, like the profile list's channel filter */
  channel: string | null;
  traits: Record<string, unknown>;
}

export function routingFactsOf(p: ProfileRecord): RoutingFacts {
  return {
    country: p.geo?.country?.toUpperCase() ?? null,
    grade: p.grade,
    label: p.label,
    stage: p.stage,
    channel: p.first_touch?.channel ?? null,
    traits: p.traits,
  };
}

const among = (list: string[] | undefined, value: string | null) => list === undefined || (value !== null && list.includes(value));

function traitText(value: unknown): string | null {
  if (typeof value === "string") return value;
  return typeof value === "number" || typeof value === "boolean" ? String(value) : null;
}

/** Every condition given must hold; a list holds when it contains the lead's value; no condition at all always holds. */
export function ruleMatches(when: RoutingWhen, facts: RoutingFacts): boolean {
  if (!among(when.country, facts.country) || !among(when.grade, facts.grade) || !among(when.label, facts.label)) return false;
  if (!among(when.stage, facts.stage) || !among(when.channel, facts.channel)) return false;
  if (!when.trait) return true;
  const text = traitText(facts.traits[when.trait.name]);
  return text !== null && new RegExp(when.trait.matches, "i").test(text);
}

/** A round robin's counter key: its owner ids in order (changing the list starts a new rotation, even from the start). */
export const poolKey = (pool: readonly string[]) => JSON.stringify(pool);

export interface Choice {
  owner: RoutingOwner;
  /** the index of the rule that matched; null for the fallback */
  rule: number | null;
  /** for a round robin: its key and the counter value it used (the next lead takes position + 1) */
  rotation: { pool: string; position: number } | null;
}

/** The owner a lead is given, or null (no owners, or no rule matched and there is no fallback). */
export function chooseOwner(config: RoutingConfig, facts: RoutingFacts, counter: (pool: string) => number): Choice | null {
  const byId = new Map(config.owners.map((o) => [o.id, o]));
  for (const [i, rule] of config.rules.entries()) {
    if (!ruleMatches(rule.when, facts)) continue;
    if (typeof rule.assign === "string") {
      const owner = byId.get(rule.assign);
      if (owner) return { owner, rule: i, rotation: null };
      continue;
    }
    const pool = rule.assign.round_robin;
    const key = poolKey(pool);
    const position = counter(key);
    const owner = byId.get(pool[position % pool.length]!);
    if (owner) return { owner, rule: i, rotation: { pool: key, position } };
  }
  const fallback = config.fallback === undefined ? undefined : byId.get(config.fallback);
  return fallback ? { owner: fallback, rule: null, rotation: null } : null;
}
