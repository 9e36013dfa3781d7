// The attribution report as a CSV file; cells go through the shared RFC 4180 writer that defuses formula injection.
import { csvLine } from "../../core/csv";

export interface CsvReport {
  model: string;
  group_by: string;
  conversion: string;
  rows: { key: string; conversions: number; value: number }[];
}

export function attributionCsv(r: CsvReport): string {
  let out = csvLine([r.group_by, "conversions", "value", "model", "conversion"]);
  for (const row of r.rows) out += csvLine([row.key, row.conversions, row.value, r.model, r.conversion]);
  return out;
}

/** A file name that says what the file holds, made of safe characters only. */
export function csvFileName(r: Pick<CsvReport, "model" | "group_by" | "conversion">, range: { from: string; to: string }): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, "-").slice(0, 40);
  return `attribution-${safe(r.conversion)}-${safe(r.model)}-by-${safe(r.group_by)}-${range.from}-to-${range.to}.csv`;
}
