// CSV (RFC 4180) for CRMs and spreadsheets that import files, safe against CSV/formula injection.
import type { ProfileView } from "./profiles/view";
import { companyOf, nameOf, textTrait } from "./profiles/profile";

type Cell = string | number | null | undefined;

/**
 * One cell. Every text cell is quoted, so no locale's separator (`,` or `;`) or line break can split it; text starting
 * with = + - @ (or a tab / carriage return) gets a leading ' so a spreadsheet shows it instead of running it as a
 * formula (OWASP "CSV Injection"). Numbers are ours and are written bare.
 */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${text.replaceAll('"', '""')}"`;
}

export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

type Touch = ProfileView["first_touch"];
const touchCells = (t: Touch) => [t?.channel, t?.source, t?.medium, t?.campaign];

/** A profile's columns, in the order a CRM import maps them. */
const PROFILE_CSV: [string, (p: ProfileView) => Cell | Cell[]][] = [
  ["id", (p) => p.id],
  ["email", (p) => p.email],
  ["phone", (p) => p.phone],
  ["name", (p) => nameOf(p.traits)],
  ["company", (p) => companyOf(p.traits)],
  ["job_title", (p) => textTrait(p.traits, "job_title", "title", "role")],
  ["score", (p) => p.score],
  ["fit", (p) => p.fit],
  ["grade", (p) => p.grade],
  ["stage", (p) => p.stage],
  ["label", (p) => p.label],
  ["quality", (p) => p.quality.status],
  ["quality_reasons", (p) => p.quality.reasons.join(" ")],
  ["first_channel,first_source,first_medium,first_campaign", (p) => touchCells(p.first_touch)],
  ["last_channel,last_source,last_medium,last_campaign", (p) => touchCells(p.last_touch)],
  ["owner_id,owner_name", (p) => [p.owner?.id, p.owner?.name]],
  ["assigned_at", (p) => p.assigned_at],
  ["contacted_at", (p) => p.contacted_at],
  ["account_domain,account_name", (p) => [p.account?.domain, p.account?.name]],
  ["disposition", (p) => p.disposition],
  ["deal_amount,deal_currency", (p) => [p.deal?.amount, p.deal?.currency]],
  ["first_seen", (p) => p.first_seen],
  ["last_seen", (p) => p.last_seen],
  ["updated_at", (p) => p.updated_at],
];

export const CSV_COLUMNS: string[] = PROFILE_CSV.flatMap(([names]) => names.split(","));

export function profileCsvLine(p: ProfileView): string {
  return csvLine(PROFILE_CSV.flatMap(([, cell]) => cell(p)));
}
