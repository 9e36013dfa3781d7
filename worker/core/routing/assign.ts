// Giving leads owners inside a plan, so the assignment commits in the same transaction as the change that qualified
// the lead: the owner on the profile, profile.assigned in the outbox, the follow-up deadline, and the round-robin
// counters' advance (compare and swap; see store/routing.ts). Pure: plans in, plans out.
import type { RoutingConfig, RoutingOwner } from "../../../schema/routing";
import { ASSIGN_STAGES, STAGES, type AssignStage, type Stage } from "../../../schema/vocabulary";
import type { Plan, Transition } from "../profiles/plan";
import type { ProfileRecord } from "../profiles/profile";
import { chooseOwner, routingFactsOf } from "./rules";

/** A site's routing as a plan needs it: the configuration and the round-robin counters as they were read. */
export interface SiteRouting {
  config: RoutingConfig;
  version: number;
  /** poolKey → the counter's stored value (absent: 0) */
  rotations: ReadonlyMap<string, number>;
}

/** A round-robin counter the plan advanced: the commit moves it from `from` to `to`, or fails if it moved meanwhile. */
export interface RotationStep {
  site: string;
  pool: string;
  from: number;
  to: number;
}

/** The follow-up deadline of an assignment. */
export interface FollowUp {
  site: string;
  profile_id: string;
  owner_id: string;
  assigned_at: number;
  due_at: number;
  /** who is alerted when the deadline passes; null: the owner themself */
  escalate_to: string | null;
}

const rank = (s: Stage) => STAGES.indexOf(s);

/** True when a profile crossed into the assignment stage: it was below it and the scorer took it to it or beyond. */
export function reachesAssignStage(before: Stage, after: Stage, at: AssignStage): boolean {
  return (ASSIGN_STAGES as readonly Stage[]).includes(after) && rank(before) < rank(at) && rank(after) >= rank(at);
}

const iso = (ms: number) => new Date(ms).toISOString();
const ownerOf = (o: RoutingOwner) => ({ id: o.id, name: o.name });

interface Assigned {
  profile: ProfileRecord;
  transition: Transition;
  followUp: FollowUp | null;
}

/** The profile with its new owner (assigned now), the profile.assigned transition, and the deadline when one is set.
 *  `account`: routed to the owner of the person's account (before the rules). */
export function assign(p: ProfileRecord, owner: RoutingOwner, how: { by: "routing" | "api"; rule?: number | null; account?: { id: string; domain: string } }, config: RoutingConfig | null, now: number): Assigned {
  const window = config?.follow_up;
  const followUp: FollowUp | null = window
    ? { site: p.site, profile_id: p.id, owner_id: owner.id, assigned_at: now, due_at: now + window.within_minutes * 60_000, escalate_to: window.escalate_to ?? null }
    : null;
  const data: Record<string, unknown> = { owner: ownerOf(owner), previous_owner: p.owner, by: how.by };
  if (how.by === "routing") data.rule = how.rule ?? null;
  if (how.account) data.account = how.account;
  if (followUp) data.follow_up_due_at = iso(followUp.due_at);
  return {
    profile: { ...p, owner: ownerOf(owner), assigned_at: now },
    transition: { site: p.site, profile_id: p.id, type: "profile.assigned", at: now, data },
    followUp,
  };
}

export interface RoutingInput {
  /** each profile's stage before the plan (new profiles: visitor) */
  before: (profileId: string) => Stage;
  routing: (site: string) => SiteRouting | null | undefined;
  now: number;
  /** the owner of the account a person belongs to: it takes the person before the rules are read */
  accountOwner?: (p: ProfileRecord) => { owner: { id: string }; account: { id: string; domain: string } } | null;
}

/** An account's new people go to the account's owner, while that owner is one of the routing's owners. */
function routedToAccountOwner(p: ProfileRecord, config: RoutingConfig, input: RoutingInput): Assigned | null {
  const held = input.accountOwner?.(p);
  const owner = held && config.owners.find((o) => o.id === held.owner.id);
  return held && owner ? assign(p, owner, { by: "routing", rule: null, account: held.account }, config, input.now) : null;
}

/** The first matching rule, a round robin (its counter step kept in `counters`), or the fallback. */
function routedByRules(p: ProfileRecord, routing: SiteRouting, counters: Map<string, RotationStep>, now: number): Assigned | null {
  const stepOf = (pool: string) => counters.get(`${p.site}\u0000${pool}`);
  const choice = chooseOwner(routing.config, routingFactsOf(p), (pool) => stepOf(pool)?.to ?? routing.rotations.get(pool) ?? 0);
  if (!choice) return null;
  if (choice.rotation) {
    const { pool, position } = choice.rotation;
    counters.set(`${p.site}\u0000${pool}`, { site: p.site, pool, from: stepOf(pool)?.from ?? position, to: position + 1 });
  }
  return assign(p, choice.owner, { by: "routing", rule: choice.rule }, routing.config, now);
}

/**
 * Gives an owner to every profile of the plan that reached its site's `assign_at` stage and has none: its account's owner, else by the site's
 * rules. Junk never gets an owner. Round robins take consecutive counter values in the plan's profile order.
 */
export function assignOwners(plan: Plan, input: RoutingInput): Plan {
  const counters = new Map<string, RotationStep>();
  const transitions: Transition[] = [];
  const followUps: FollowUp[] = [];
  const profiles = plan.profiles.map((p) => {
    const routing = input.routing(p.site);
    if (!routing || p.owner !== null || p.quality.status === "junk") return p;
    if (!reachesAssignStage(input.before(p.id), p.stage, routing.config.assign_at)) return p;
    const done = routedToAccountOwner(p, routing.config, input) ?? routedByRules(p, routing, counters, input.now);
    if (!done) return p;
    transitions.push(done.transition);
    if (done.followUp) followUps.push(done.followUp);
    return done.profile;
  });
  if (transitions.length === 0) return plan;
  return {
    ...plan,
    profiles,
    transitions: [...plan.transitions, ...transitions],
    follow_ups: [...plan.follow_ups, ...followUps],
    rotations: [...plan.rotations, ...counters.values()],
  };
}

/**
 * A PATCH naming the owner (or null to clear it) on a one-profile plan: the owner as given, whatever the rules say.
 * Setting the owner it already has changes nothing; clearing one sends profile.updated.
 */
export function assignByHand(plan: Plan, owner: RoutingOwner | null, config: RoutingConfig | null, now: number): Plan {
  const p = plan.profiles[0]!;
  if ((owner?.id ?? null) === (p.owner?.id ?? null)) return plan;
  if (owner === null) {
    // One profile.updated per PATCH: the cleared owner joins the verdict's changes when there are some.
    const updated = plan.transitions.find((t) => t.type === "profile.updated");
    const changes = { ...(updated?.data.changes as Record<string, unknown> | undefined), owner: null };
    const cleared = { site: p.site, profile_id: p.id, type: "profile.updated" as const, at: now, data: { changes } };
    return { ...plan, profiles: [{ ...p, owner: null, assigned_at: null }], transitions: [...plan.transitions.filter((t) => t !== updated), cleared] };
  }
  const done = assign(p, owner, { by: "api" }, config, now);
  return {
    ...plan,
    profiles: [done.profile],
    transitions: [...plan.transitions, done.transition],
    follow_ups: done.followUp ? [...plan.follow_ups, done.followUp] : plan.follow_ups,
  };
}
