// Stored URLs without personal data (CONTRACT §14): the path and the campaign parameters (utm_*, ad click ids) stay;
// any other query parameter is removed when its value looks like an e-mail address, a phone number or a token, or
// when its name says it holds a person's details or a secret (a GET form's name=, email=, password=). A fragment
// written as parameters ("#access_token=…&state=…") is read the same way; user names and passwords go. A URL from
// which nothing is removed comes back unchanged, byte for byte. Pure.
import { CLICK_ID_PARAMS } from "../channels/click-ids";

const CLICK_IDS: ReadonlySet<string> = new Set(CLICK_ID_PARAMS);
const RELATIVE_BASE = "http://relative.invalid";

/** Campaign parameters are chosen by the marketer, never typed by the visitor: kept whatever they hold. */
function isCampaign(name: string): boolean {
  return name.startsWith("utm_") || CLICK_IDS.has(name) || /(clk?id|braid)$/.test(name);
}

/** Names of fields that hold a person's details or a secret: words, or parts of snake, kebab and camel case names. */
const PERSONAL_NAME =
  /mail|phone|mobile|name|address|street|passw|secret|token|session|(^|[^a-z])(user|tel|zip|post_?code|postal|birth|dob|ssn|pwd|pass|auth|sid|otp|code|key|card|cc|cvc|cvv|iban|first|last)([^a-z]|$)/;

/** An e-mail address anywhere in the value ("Ada <ada@example.com>" too). */
const EMAIL = /[^\s@<>()[\]",;:]+@[^\s@<>()[\]",;:]+\.[a-z\d-]{2,}/i;

/** A date (2024-05-01, 01.05.2024, 1/5/24): numbers with separators, but not a phone. */
const DATE = /^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}$/;

/** 7 to 15 digits written as a phone number (+, spaces, dots, dashes, brackets), or 10 to 15 bare digits. */
export function looksLikePhone(value: string): boolean {
  const v = value.trim();
  if (!/^\+?[\d\s().-]+$/.test(v) || DATE.test(v)) return false;
  const digits = v.replace(/\D/g, "").length;
  const written = /^\+|[\s().-]/.test(v);
  return digits <= 15 && digits >= (written ? 7 : 10);
}

/**
 * A secret or an identifier: a JWT, a UUID, or a run of 16 or more letters and digits holding both (a session id,
 * a reset key, a hash); slugs ("spring-sale-2024") are short runs between dashes and stay.
 */
export function looksLikeToken(value: string): boolean {
  const v = value.trim();
  if (/^eyJ[\w-]+\.[\w-]+/.test(v)) return true;
  if (/^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i.test(v)) return true;
  return (v.match(/[A-Za-z0-9]{16,}/g) ?? []).some((run) => /\d/.test(run) && /[A-Za-z]/.test(run));
}

export function looksLikeEmail(value: string): boolean {
  return EMAIL.test(value);
}

function decoded(raw: string): string {
  const s = raw.replace(/\+/g, " ");
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** True when a query (or fragment) parameter may be stored. */
export function keepParam(name: string, value: string): boolean {
  const key = name.trim().toLowerCase();
  if (isCampaign(key)) return true;
  if (PERSONAL_NAME.test(key)) return false;
  return !(looksLikeEmail(value) || looksLikePhone(value) || looksLikeToken(value));
}

/** "a=1&b=2" without the pairs that may not be stored; null when every pair stays. */
function cleanedParams(params: string): string | null {
  const pieces = params.split("&");
  const kept = pieces.filter((piece) => {
    if (!piece) return false;
    const eq = piece.indexOf("=");
    return eq < 0 ? keepParam("", decoded(piece)) : keepParam(decoded(piece.slice(0, eq)), decoded(piece.slice(eq + 1)));
  });
  return kept.length === pieces.length ? null : kept.join("&");
}

/** The fragment to store: parameters cleaned like a query; a lone value removed when it is personal or secret. */
function cleanedFragment(fragment: string): string | null {
  if (fragment.includes("=")) return cleanedParams(fragment);
  const value = decoded(fragment);
  return looksLikeEmail(value) || looksLikePhone(value) || looksLikeToken(value) ? "" : null;
}

/** The URL as it may be stored (see the top of this file); null stays null. Relative paths ("/a?b") are cleaned too. */
export function cleanUrl(raw: string | null): string | null {
  if (!raw) return raw;
  let url: URL;
  const relative = raw.startsWith("/") && !raw.startsWith("//");
  try {
    url = relative ? new URL(raw, RELATIVE_BASE) : new URL(raw);
  } catch {
    // Not a URL: whatever follows "?" or "#" cannot be read safely, so it goes.
    return raw.split(/[?#]/)[0]!;
  }
  let changed = false;
  if (url.username || url.password) (url.username = ""), (url.password = ""), (changed = true);
  const query = url.search ? cleanedParams(url.search.slice(1)) : null;
  if (query !== null) (url.search = query ? `?${query}` : ""), (changed = true);
  const fragment = url.hash ? cleanedFragment(url.hash.slice(1)) : null;
  if (fragment !== null) (url.hash = fragment ? `#${fragment}` : ""), (changed = true);
  if (!changed) return raw;
  return relative ? url.pathname + url.search + url.hash : url.href;
}
