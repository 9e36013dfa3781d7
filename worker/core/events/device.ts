// Device from the user agent (ua-parser-js 1.x, MIT) and geo from Cloudflare's request.cf — never the IP itself.
import UAParser from "ua-parser-js";
import type { CollectedEvent } from "../../../schema/event";

/** Parsing costs ~30 µs and most traffic repeats a few hundred user agents: remember the latest ones. */
const seen = new Map<string, CollectedEvent["device"]>();
const SEEN_LIMIT = 500;

export function deviceOf(userAgent: string | null | undefined): CollectedEvent["device"] {
  if (!userAgent) return null;
  const hit = seen.get(userAgent);
  if (hit !== undefined) return hit;
  const r = new UAParser(userAgent).getResult();
  const type = r.device.type === "mobile" || r.device.type === "tablet" ? r.device.type : r.device.type ? "other" : "desktop";
  const device = { browser: r.browser.name ?? null, os: r.os.name ?? null, type };
  if (seen.size >= SEEN_LIMIT) seen.clear();
  seen.set(userAgent, device);
  return device;
}

/** request.cf is missing under `wrangler dev` without internet and in tests: geo is then null. */
export function geoOf(cf: { country?: unknown; region?: unknown; city?: unknown } | undefined | null): CollectedEvent["geo"] {
  if (!cf || typeof cf.country !== "string" || cf.country === "" || cf.country === "XX") return null;
  const str = (x: unknown) => (typeof x === "string" && x !== "" ? x : null);
  return { country: cf.country, region: str(cf.region), city: str(cf.city) };
}
