// A cost import (CSV or JSON) read into rows to store, or refused as a whole with every problem by row and column:
// `line N.column` for CSV (the line a spreadsheet shows), `rows.I.column` for JSON (the array index).
import * as v from "valibot";
import { CostCsvRecord, CostImport, MAX_COST_ROWS, type CostRow } from "../../../schema/api";
import { COST_COLUMNS } from "../../../schema/vocabulary";
import { readCsv } from "../csv-reader";
import { rateOf, type ReportingCurrency } from "./fx";

/** One day's cost as stored: source and medium in lower case (as touches keep them), absent parts as "". */
export interface CostEntry {
  day: string;
  source: string;
  medium: string;
  campaign: string;
  amount: number;
  currency: string;
}

export interface ImportIssue {
  path: string;
  message: string;
}

export type CostImportResult = { ok: true; rows: CostEntry[] } | { ok: false; issues: ImportIssue[] };

/** Enough problems to fix a file by; more would only repeat themselves. */
const MAX_ISSUES = 20;

const HEADER_HELP = `the header is ${COST_COLUMNS.join(",")} (comma-separated)`;

const refused = (issues: ImportIssue[]): CostImportResult => ({ ok: false, issues: issues.slice(0, MAX_ISSUES) });

/** `{"rows":[…]}`: the schema's issues already name `rows.I.column`. */
export function costsFromJson(body: unknown, money: ReportingCurrency): CostImportResult {
  const parsed = v.safeParse(CostImport, body);
  if (!parsed.success) return refused(parsed.issues.map((i) => ({ path: v.getDotPath(i) ?? "", message: i.message })));
  return entriesOf(parsed.output.rows.map((row, i) => ({ at: `rows.${i}`, row })), money);
}

/** text/csv with the header `date,source,medium,campaign,amount,currency` (any order, any case). */
export function costsFromCsv(text: string, money: ReportingCurrency): CostImportResult {
  const read = readCsv(text, { maxRecords: MAX_COST_ROWS + 1 });
  if (!read.ok) return refused([{ path: `line ${read.line}`, message: read.message }]);
  const [header, ...records] = read.records;
  if (!header) return refused([{ path: "line 1", message: `the file is empty; ${HEADER_HELP}` }]);
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  const issues: ImportIssue[] = [];
  columns.forEach((c, i) => {
    if (!(COST_COLUMNS as readonly string[]).includes(c)) issues.push({ path: `line ${header.line}.${c || `column ${i + 1}`}`, message: `unknown column; ${HEADER_HELP}` });
    else if (columns.indexOf(c) !== i) issues.push({ path: `line ${header.line}.${c}`, message: "this column appears twice" });
  });
  for (const c of COST_COLUMNS) if (!columns.includes(c)) issues.push({ path: `line ${header.line}.${c}`, message: `missing column; ${HEADER_HELP}` });
  if (issues.length) return refused(issues);
  if (records.length === 0) return refused([{ path: `line ${header.line + 1}`, message: "no rows after the header" }]);

  const rows: { at: string; row: CostRow }[] = [];
  for (const record of records) {
    const at = `line ${record.line}`;
    if (record.fields.length !== columns.length) {
      issues.push({ path: at, message: `${record.fields.length} fields where the header has ${columns.length} (quote a field that holds a comma)` });
      continue;
    }
    const parsed = v.safeParse(CostCsvRecord, Object.fromEntries(columns.map((c, i) => [c, record.fields[i]!])));
    if (parsed.success) rows.push({ at, row: parsed.output });
    else issues.push(...parsed.issues.map((i) => ({ path: `${at}.${v.getDotPath(i) ?? ""}`, message: i.message })));
    if (issues.length >= MAX_ISSUES) break;
  }
  if (issues.length) return refused(issues);
  return entriesOf(rows, money);
}

/** Rows normalised as touches store them; a currency without a rate, or the same day and key twice, refuses the import. */
function entriesOf(rows: { at: string; row: CostRow }[], money: ReportingCurrency): CostImportResult {
  const issues: ImportIssue[] = [];
  const entries: CostEntry[] = [];
  const seen = new Map<string, string>();
  for (const { at, row } of rows) {
    const currency = (row.currency ?? "").trim().toUpperCase() || money.currency;
    if (!/^[A-Z]{3}$/.test(currency)) issues.push({ path: `${at}.currency`, message: "a three-letter ISO 4217 currency code, such as EUR" });
    else if (rateOf(money, currency) === null) {
      issues.push({ path: `${at}.currency`, message: `no exchange rate for ${currency}: set settings.fx.${currency} (units of ${money.currency} per ${currency}) on the site first` });
    }
    const entry: CostEntry = {
      day: row.date,
      source: row.source.toLowerCase(),
      medium: (row.medium ?? "").toLowerCase(),
      campaign: row.campaign ?? "",
      amount: row.amount,
      currency,
    };
    const key = JSON.stringify([entry.day, entry.source, entry.medium, entry.campaign]);
    const first = seen.get(key);
    if (first) issues.push({ path: at, message: `the same date, source, medium and campaign as ${first}; send one row per day and key` });
    else seen.set(key, at);
    entries.push(entry);
    if (issues.length >= MAX_ISSUES) break;
  }
  return issues.length ? refused(issues) : { ok: true, rows: entries };
}
