// Identity resolution: which profile an event belongs to, which profiles merge, which identifiers are refused.
// Rules: the identified side survives a merge; two profiles with different user ids or e-mails never merge; junk
// identifiers are refused with a reason; and a browser's unverified claim to an identity that another profile already
// holds links nothing: it stays a claim on the claimer's own profile (docs/IDENTITY.md).
import { parsePhoneNumberFromString } from "libphonenumber-js/min";
import type { IdentityKind } from "../../../schema/vocabulary";

export type { IdentityKind } from "../../../schema/vocabulary";
export interface Identifier {
  kind: IdentityKind;
  value: string;
}
export interface Rejection extends Identifier {
  reason: string;
}

/** Values that SDKs and forms send when they have no real id (PostHog keeps a similar list). */
const JUNK_IDS = new Set([
  "", "0", "-1", "1", "null", "undefined", "none", "nil", "nan", "anonymous", "anon", "guest", "unknown", "user", "id",
  "true", "false", "[object object]", "distinct_id", "distinctid", "not_authenticated", "email", "test",
  "00000000-0000-0000-0000-000000000000",
]);
const EMAIL = /^[^\s@"<>()[\],;:]+@[^\s@"<>()[\],;:]+\.[a-z]{2,}$/i;

export function junkReason(kind: IdentityKind, raw: unknown): string | null {
  if (typeof raw !== "string" && typeof raw !== "number") return "not_a_string";
  const value = String(raw).trim();
  if (JUNK_IDS.has(value.toLowerCase())) return "junk_value";
  if (value.length > 256) return "too_long";
  if (kind === "email" && !EMAIL.test(value)) return "malformed_email";
  if (kind === "phone" && normalizePhone(value) === null) return "impossible_phone";
  return null;
}

export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** E.164 when the number parses as a possible number; null otherwise. */
export function normalizePhone(raw: string): string | null {
  const parsed = parsePhoneNumberFromString(raw.trim(), { defaultCountry: undefined });
  return parsed?.isPossible() ? parsed.number : null;
}

export interface EventIds {
  /** verified (an identify signed by the site's server) or sent server to server: may link devices */
  trusted: boolean;
  anonymous: string | null;
  user: unknown;
  email: unknown;
  phone: unknown;
  /** alias: an earlier anonymous or user id to link */
  previous: unknown;
}

export interface Known {
  /** the profile an identifier points at, if any */
  lookup(kind: IdentityKind, value: string): string | undefined;
  /** the strong identifiers a profile already holds */
  holder(id: string): { user_id: string | null; email: string | null };
}

export interface Decision {
  /** the profile that receives the event; null = create one */
  target: string | null;
  /** profiles to merge into the target */
  merge: string[];
  /** identifiers to point at the target */
  claims: Identifier[];
  rejected: Rejection[];
  /** strong identifiers the target takes on */
  user_id: string | null;
  email: string | null;
  phone: string | null;
  /** an unverified claim to identifiers another profile holds: nothing was linked */
  claimed: { profile: string; identifiers: Identifier[] } | null;
}

function accepted(kind: IdentityKind, raw: unknown, rejected: Rejection[]): string | null {
  if (raw === null || raw === undefined) return null;
  const reason = junkReason(kind, raw);
  if (reason) {
    rejected.push({ kind, value: String(raw).slice(0, 256), reason });
    return null;
  }
  const value = String(raw).trim();
  if (kind === "email") return normalizeEmail(value);
  if (kind === "phone") return normalizePhone(value);
  return value;
}

export function resolveIdentity(ids: EventIds, known: Known): Decision {
  const rejected: Rejection[] = [];
  const user = accepted("user", ids.user, rejected);
  let email = accepted("email", ids.email, rejected);
  const phone = accepted("phone", ids.phone, rejected);
  const anon = ids.anonymous;
  const previous = ids.previous === null || ids.previous === undefined ? null : String(ids.previous);

  const conflicts = (id: string) => {
    const h = known.holder(id);
    return (user !== null && h.user_id !== null && h.user_id !== user) || (email !== null && h.email !== null && h.email !== email);
  };

  const byUser = user ? known.lookup("user", user) : undefined;
  const byEmail = email ? known.lookup("email", email) : undefined;
  let target = byUser;
  if (byEmail && byEmail !== target) {
    if (target || conflicts(byEmail)) {
      rejected.push({ kind: "email", value: email!, reason: "belongs_to_another_profile" });
      email = null;
    } else target = byEmail;
  }
  if (!target && !user && !email && phone) target = known.lookup("phone", phone);

  const weak = [anon ? known.lookup("anonymous", anon) : undefined, previous ? known.lookup("user", previous) ?? known.lookup("anonymous", previous) : undefined]
    .filter((p): p is string => p !== undefined)
    .filter((p, i, all) => all.indexOf(p) === i);

  if (!target && (user || email || phone)) target = weak.find((p) => !conflicts(p));
  if (!target && !(user || email || phone)) target = weak[0];
  // A browser that names an identity held by a profile it does not belong to proves nothing: a public site id and
  // someone's e-mail are all it takes. Without verification the event stays with the browser's own profile.
  const own = anon ? known.lookup("anonymous", anon) : undefined;
  if (!ids.trusted && target !== undefined && target !== own && (user || email || phone)) {
    const identifiers = ([["user", user], ["email", email], ["phone", phone]] as const)
      .filter(([kind, value]) => value !== null && known.lookup(kind, value) === target)
      .map(([kind, value]) => ({ kind, value: value! }));
    if (identifiers.length > 0) {
      const claims = anon && own === undefined ? [{ kind: "anonymous" as const, value: anon }] : [];
      return { target: own ?? null, merge: [], claims, rejected, user_id: null, email: null, phone: null, claimed: { profile: target, identifiers } };
    }
  }
  const merge = target ? weak.filter((p) => p !== target && !conflicts(p) && !isIdentifiedOtherwise(known, p)) : [];

  const claims: Identifier[] = [];
  const claim = (kind: IdentityKind, value: string | null) => {
    if (value === null) return;
    const owner = known.lookup(kind, value);
    if (owner === undefined || merge.includes(owner)) claims.push({ kind, value });
  };
  claim("user", user);
  claim("email", email);
  claim("phone", phone);
  claim("anonymous", anon);
  if (previous && junkReason("anonymous", previous) === null) claim("anonymous", previous);
  return { target: target ?? null, merge, claims, rejected, user_id: user, email, phone, claimed: null };
}

/** A profile with its own user id or e-mail is a known person: it is never merged away automatically. */
function isIdentifiedOtherwise(known: Known, id: string): boolean {
  const h = known.holder(id);
  return h.user_id !== null || h.email !== null;
}
