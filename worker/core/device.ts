// Device from the user agent (ua-parser-js 1.x, MIT) and geo from Cloudflare's request.cf — never the IP itself.
import UAParser from "ua-parser-js";
import type { CollectedEvent } from "../../schema/event";

export function deviceOf(userAgent: string | null | undefined): CollectedEvent["device"] {
  if (!userAgent) return null;
  const r = new UAParser(userAgent).getResult();
  const type = r.device.type === "mobile" || r.device.type === "tablet" ? r.device.type : r.device.type ? "other" : "desktop";
  return { browser: r.browser.name ?? null, os: r.os.name ?? null, type };
}

/** request.cf is missing under `wrangler dev` without internet and in tests: geo is then null. */
export function geoOf(cf: { country?: unknown; region?: unknown; city?: unknown } | undefined | null): CollectedEvent["geo"] {
  if (!cf || typeof cf.country !== "string" || cf.country === "" || cf.country === "XX") return null;
  const str = (x: unknown) => (typeof x === "string" && x !== "" ? x : null);
  return { country: cf.country, region: str(cf.region), city: str(cf.city) };
}
