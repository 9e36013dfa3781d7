// Scored profiles as CSV (RFC 4180) for CRMs that import files, safe against CSV/formula injection.
import type { ProfileView } from "./profiles/view";

export const CSV_COLUMNS = [
  "id", "email", "name", "company", "job_title", "score", "grade", "stage", "label", "quality", "first_touch_channel", "last_touch_channel", "updated_at",
] as const;

type Cell = string | number | null | undefined;

/**
 * One cell. Text starting with = + - @ (or a tab / carriage return) is prefixed with ' so a spreadsheet shows it
 * instead of running it as a formula (OWASP "CSV Injection"); numbers are ours and are written as numbers.
 */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

function traitText(traits: Record<string, unknown>, ...keys: string[]): string | null {
  for (const k of keys) {
    const v = traits[k];
    if (typeof v === "string" && v.trim() !== "") return v.trim();
    if (typeof v === "number" || typeof v === "boolean") return String(v);
  }
  return null;
}

function nameOf(traits: Record<string, unknown>): string | null {
  const full = traitText(traits, "name", "full_name");
  if (full) return full;
  const parts = [traitText(traits, "first_name", "firstName"), traitText(traits, "last_name", "lastName")].filter(Boolean);
  return parts.length ? parts.join(" ") : null;
}

export function profileCsvLine(p: ProfileView): string {
  return csvLine([
    p.id, p.email, nameOf(p.traits), traitText(p.traits, "company", "company_name", "organization"), traitText(p.traits, "job_title", "title", "role"),
    p.score, p.grade, p.stage, p.label, p.quality.status, p.first_touch?.channel, p.last_touch?.channel, p.updated_at,
  ]);
}
