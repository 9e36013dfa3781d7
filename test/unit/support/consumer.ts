// The consumer's pure side, run in memory: queue batches through planBatch and hourly cooling through coolingPlan,
// each plan applied to the state the next one reads — what the EVENTS consumer and the cron do, without D1.
import type { CollectedEvent } from "../../../schema/event";
import type { ScoringConfig } from "../../../schema/scoring";
import { identityKey, planBatch, type Plan } from "../../../worker/core/profiles/plan";
import type { ProfileRecord } from "../../../worker/core/profiles/profile";
import { coolingPlan } from "../../../worker/core/profiles/replan";

export class MemoryConsumer {
  readonly identities = new Map<string, string>();
  readonly profiles = new Map<string, ProfileRecord>();
  readonly plans: Plan[] = [];
  private ids = 0;

  constructor(readonly scoring: ScoringConfig) {}

  /** One queue batch, planned at `now`. */
  batch(events: CollectedEvent[], now: number): Plan {
    const plan = planBatch(events, { identities: this.identities, profiles: this.profiles, scoring: () => this.scoring }, { now, newId: () => `p${++this.ids}` });
    return this.apply(plan);
  }

  /** The hourly cron's cooling of qualified profiles at `now`. */
  cool(now: number): Plan {
    return this.apply(coolingPlan([...this.profiles.values()].filter((p) => p.stage === "mql"), this.scoring, now));
  }

  private apply(plan: Plan): Plan {
    for (const id of plan.deleted) this.profiles.delete(id);
    for (const p of plan.profiles) this.profiles.set(p.id, p);
    for (const m of plan.merges) for (const [k, owner] of this.identities) if (owner === m.from_id) this.identities.set(k, m.into_id);
    for (const i of plan.identities) this.identities.set(identityKey(i.site, i.kind, i.value), i.profile_id);
    this.plans.push(plan);
    return plan;
  }

  profileOf(site: string, anonymousId: string): ProfileRecord | undefined {
    const id = this.identities.get(identityKey(site, "anonymous", anonymousId));
    return id === undefined ? undefined : this.profiles.get(id);
  }
}

let n = 0;
/** A normalised event as ingest would queue it (a direct page view of example.com unless told otherwise). */
export function event(o: Partial<CollectedEvent> & { at: number }): CollectedEvent {
  const url = o.url ?? `https://example.com${o.path ?? "/"}`;
  return {
    id: `e${++n}`, site: "s", type: "pageview", name: null, anonymous_id: "a1", user_id: null, previous_id: null, received_at: o.at,
    url, path: new URL(url).pathname, title: null,
    touch: { channel: "Direct", source: "(direct)", medium: "(none)", campaign: null, term: null, content: null, referrer: null, landing_page: url, click_id: null },
    props: {}, traits: {}, device: null, geo: null, cookieless: false, origin: "snippet", ...o,
  };
}
