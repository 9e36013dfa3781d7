// Web storage that never throws (blocked storage, private modes) and is left untouched unless identifiers are allowed.
import { identified } from "./consent";

// Keys (literal where used; gzip likes a repeated string better than a variable): pista_a, the anonymous id in
// localStorage; pista_q, the session's campaign in sessionStorage; pista_r, events whose send failed, in localStorage.

/**
 * Reads `key`, writes a value, or removes the key when the value is "" (and returns what it held). Reading and writing
 * need identifiers to be allowed; removing never does, so a refusal can erase what an earlier grant stored.
 * localStorage, or sessionStorage with `session`.
 */
export const store = (key: string, value?: string | null, session?: unknown): any => {
  try {
    // Named properties of the storage area: area[key] reads (undefined when absent), writes and deletes.
    const area: Record<string, string> = session ? sessionStorage : localStorage;
    return value == "" ? ((value = area[key]), delete area[key], value) : identified() && (value == null ? area[key] : (area[key] = value));
  } catch {
    // blocked or full storage: nothing is kept, nothing breaks
  }
};

/** After a refusal nothing of ours may stay on the device. Returns the anonymous id it held, if any. */
export const forget = (): string | undefined => (store("pista_q", "", 1), store("pista_r", ""), store("pista_a", ""));
