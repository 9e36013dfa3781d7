// Sessions and touches: a new session after 30 idle minutes or when a non-direct source differs.
import type { CollectedEvent, TouchSource } from "../../../schema/event";
import type { Session, Touch } from "./profile";
import { sourceKey } from "../channels/source";

export const SESSION_IDLE_MS = 30 * 60 * 1000;

const DIRECT: TouchSource = {
  channel: "Direct",
  source: "(direct)",
  medium: "(none)",
  campaign: null,
  term: null,
  content: null,
  referrer: null,
  landing_page: null,
  click_id: null,
  click_id_value: null,
};

export interface SessionStep {
  session: Session | null;
  /** set when this event starts a session: the touch to record */
  touch: (Touch & { session_id: string }) | null;
}

/** The session an event belongs to, and the touch it starts if it starts one. Events without a page never start one. */
export function sessionStep(current: Session | null, e: CollectedEvent): SessionStep {
  const canStart = e.url !== null;
  const idle = current === null || e.at - current.last > SESSION_IDLE_MS;
  const sourceChanged = current !== null && e.touch !== null && e.touch.channel !== "Direct" && sourceKey(e.touch) !== current.key;
  if (!canStart || !(idle || sourceChanged)) {
    if (current === null) return { session: null, touch: null };
    return { session: { ...current, last: Math.max(current.last, e.at) }, touch: null };
  }
  const source = e.touch ?? { ...DIRECT, landing_page: e.url };
  const id = `s_${e.id}`;
  return {
    session: { id, key: sourceKey(source), started: e.at, last: e.at },
    touch: { ...source, landing_page: source.landing_page ?? e.url, at: new Date(e.at).toISOString(), session_id: id },
  };
}
