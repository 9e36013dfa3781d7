// The Google Ads offline click-conversion file ("Conversions from clicks" import template): a time-zone parameter line,
// the header, then one row per gclid, conversion action and time. Google Ads fetches it on a schedule over HTTPS and
// ignores rows it has imported before (same click, action and time), so the file can repeat what it already sent.
import type { AdStage } from "../../../schema/destinations";
import type { StageValue } from "./stage-value";

/** Every time in the file is UTC, declared once in the parameters line. */
export const GOOGLE_ADS_PARAMETERS = "Parameters:TimeZone=+0000";
export const GOOGLE_ADS_HEADER = ["Google Click ID", "Conversion Name", "Conversion Time", "Conversion Value", "Conversion Currency"] as const;

/** The conversion action each stage is imported as, unless the URL names another (`name_mql=…`). */
export const DEFAULT_CONVERSION_NAMES: Record<AdStage, string> = {
  lead: "Pista lead",
  mql: "Pista MQL",
  sql: "Pista SQL",
  customer: "Pista customer",
};

export interface GoogleAdsConversion {
  gclid: string;
  stage: AdStage;
  /** when the stage was reached, epoch ms */
  at: number;
  value: StageValue | null;
}

/** A gclid as Google issues them (URL-safe base64); anything else came from a tampered URL and is left out. */
export const isGclid = (s: string): boolean => /^[A-Za-z0-9_-]{8,512}$/.test(s);

const pad = (n: number) => String(n).padStart(2, "0");

/** `yyyy-MM-dd HH:mm:ss` in UTC, one of the formats the template accepts (no "T", no offset: the parameter gives it). */
export function googleAdsTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** A cell as the template has it: bare, quoted (RFC 4180) only when it holds a comma, quote or line break. */
function cell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The whole file, CRLF line ends; conversions whose gclid is not one are skipped. */
export function googleAdsCsv(conversions: readonly GoogleAdsConversion[], names: Record<AdStage, string> = DEFAULT_CONVERSION_NAMES): string {
  const lines = [GOOGLE_ADS_PARAMETERS, GOOGLE_ADS_HEADER.join(",")];
  for (const c of conversions) {
    if (!isGclid(c.gclid)) continue;
    lines.push([c.gclid, cell(names[c.stage]), googleAdsTime(c.at), c.value ? String(c.value.value) : "", c.value?.currency ?? ""].join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
