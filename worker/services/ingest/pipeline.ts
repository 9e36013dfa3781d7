// Ingest as a declared list of named steps (after Plausible's ingestion pipeline): each step returns the request's
// state, moved on, or a Drop with its reason. Every drop is counted in stats — refusals of the whole request (origin,
// rate limit, unknown site, nothing valid) as much as the events left behind on the way (bots, invalid events).
import type { DropReason } from "../../../schema/vocabulary";
import { ApiError } from "../../errors";
import type { StatDelta } from "./stats-buffer";

/** A refusal: what is counted, and the response the sender gets (none for a silent drop such as a bot). */
export interface Drop {
  drop: DropReason;
  /** events refused (a batch of 30 refused by origin counts 30) */
  n: number;
  /** the site to count it under; null before a site is known (counted for the admin) */
  site: string | null;
  error?: ApiError;
  /** extra counters: e.g. which origin was refused, so the dashboard can say which one to allow */
  also?: StatDelta[];
}

export interface Step<S> {
  name: string;
  run(state: S): Promise<S | Drop> | S | Drop;
}

export const isDrop = <S>(x: S | Drop): x is Drop => typeof x === "object" && x !== null && "drop" in x;

export interface Counting {
  /** counters recorded on the way (accepted, partial drops); the runner adds the final drop's */
  counts: StatDelta[];
}

/** Runs the steps in order; the first drop ends the run and is counted with everything counted before it. */
export async function runSteps<S extends Counting>(initial: S, steps: readonly Step<S>[], count: (deltas: StatDelta[]) => void): Promise<S | Drop> {
  let state = initial;
  for (const step of steps) {
    const next = await step.run(state);
    if (isDrop(next)) {
      count([...state.counts, { site: next.site ?? "", metric: `dropped:${next.drop}`, n: next.n }, ...(next.also ?? [])]);
      return next;
    }
    state = next;
  }
  count(state.counts);
  return state;
}

/** A request-level refusal with its HTTP answer. */
export function refuse(drop: DropReason, site: string | null, n: number, error: ApiError, also?: StatDelta[]): Drop {
  return { drop, site, n, error, ...(also ? { also } : {}) };
}

/** Runs a parsing helper that throws ApiError (400/413) and turns its refusal into an `invalid` drop. */
export function parsing<T>(site: string | null, n: number, parse: () => T): T | Drop {
  try {
    return parse();
  } catch (err) {
    if (err instanceof ApiError) return refuse("invalid", site, n, err);
    throw err;
  }
}
