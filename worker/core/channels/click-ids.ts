// Ad click ids: which ones we read, in which order, and the source/medium each one proves.

/** Paid ids first: fbclid rides on every link Facebook shows, so it must never outrank a real ad click id. */
export const CLICK_ID_PARAMS: readonly string[] = [
  "gclid", "gbraid", "wbraid", "dclid", "msclkid", "ttclid", "li_fat_id", "twclid", "yclid", "fbclid",
];

/** Source and medium implied by a paid click id (fbclid is absent on purpose: it does not prove an ad). */
export const CLICK_ID_SOURCES: Readonly<Record<string, { source: string; medium: string }>> = {
  gclid: { source: "google", medium: "cpc" },
  gbraid: { source: "google", medium: "cpc" },
  wbraid: { source: "google", medium: "cpc" },
  dclid: { source: "google", medium: "cpc" },
  msclkid: { source: "bing", medium: "cpc" },
  ttclid: { source: "tiktok", medium: "cpc" },
  li_fat_id: { source: "linkedin", medium: "cpc" },
  twclid: { source: "twitter", medium: "cpc" },
  yclid: { source: "yandex", medium: "cpc" },
};

export interface ClickId {
  type: string;
  value: string;
}

const MAX_VALUE = 512;

/** The highest-ranked click id among the given params (names matched case-insensitively), or null. */
export function clickIdOf(params: ReadonlyMap<string, string> | Record<string, unknown> | undefined): ClickId | null {
  if (!params || typeof params !== "object") return null;
  const entries = params instanceof Map ? [...params] : Object.entries(params);
  const byName = new Map<string, string>();
  for (const [k, v] of entries) {
    const value = typeof v === "string" ? v.trim() : "";
    if (value && !byName.has(k.toLowerCase())) byName.set(k.toLowerCase(), value.slice(0, MAX_VALUE));
  }
  for (const type of CLICK_ID_PARAMS) {
    const value = byName.get(type);
    if (value) return { type, value };
  }
  return null;
}
