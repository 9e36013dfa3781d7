// Random ids: one per event (the collector stores a redelivered id once) and the visitor's anonymous id.
import { identified } from "./consent";
import { forget, store } from "./storage";

let visitor: string | undefined;

/** About 52 random bits and the time: unique enough for event and visitor ids, and short. */
export const randomId = (): string => Math.random().toString(36).slice(2) + Date.now();

/**
 * The anonymous id from localStorage, created on first use (read on the first send, not at start-up); undefined
 * (and forgotten) when identifiers are not allowed. Kept in memory too, so blocked storage still gives one id per
 * page rather than one per batch.
 */
export const anonymousId = (): string | undefined =>
  (visitor = identified() ? visitor || store("pista_a") || store("pista_a", randomId()) || randomId() : undefined);

/** A refusal: erases everything stored; returns the anonymous id the device had (stored, or in memory only). */
export const forgetVisitor = (): string | undefined => forget() || visitor;
