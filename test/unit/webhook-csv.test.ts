// The CSV export's cells and rows: RFC 4180 quoting, formula-injection guard, the columns a CRM import expects.
import { describe, expect, it } from "vitest";
import { newProfile } from "../../worker/core/profiles/profile";
import { DEFAULT_SCORING } from "../../worker/core/scoring";
import { CSV_COLUMNS, csvCell, csvLine, profileCsvLine } from "../../worker/core/csv";
import { profileView } from "../../worker/core/profiles/view";

describe("csvCell", () => {
  it.each([
    ["plain text", "Northwind", '"Northwind"'],
    ["nothing", null, ""],
    ["a number", 42.5, "42.5"],
    ["a negative number (ours, not a formula)", -3, "-3"],
    ["a comma", "Acme, Inc.", '"Acme, Inc."'],
    ["a quote", 'The "best" CRM', '"The ""best"" CRM"'],
    ["a line break", "line1\nline2", '"line1\nline2"'],
    ["a formula", "=HYPERLINK(\"https://evil.example\",\"click\")", `"'=HYPERLINK(""https://evil.example"",""click"")"`],
    ["a semicolon (the separator of locales that use a decimal comma)", "Acme; Inc.", '"Acme; Inc."'],
    ["a semicolon formula", "1;=cmd", '"1;=cmd"'],
    ["a plus formula", "+1+1", `"'+1+1"`],
    ["a minus formula", "-2+3", `"'-2+3"`],
    ["an at formula", "@SUM(A1:A2)", `"'@SUM(A1:A2)"`],
    ["a leading tab", "\t=1", `"'\t=1"`],
    ["a leading carriage return", "\r=1", `"'\r=1"`],
    ["an e-mail (the @ is not leading)", "ana@example.com", '"ana@example.com"'],
  ])("writes %s", (_what, value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it("ends a line with CRLF", () => {
    expect(csvLine(["a", 1, null])).toBe('"a",1,\r\n');
  });
});

describe("profileCsvLine", () => {
  it("writes the columns in header order, with traits for name, company and job title", () => {
    const record = {
      ...newProfile({ id: "p_1", site: "demo", at: Date.parse("2026-03-01T10:00:00Z") }),
      email: "ana@northwind.example",
      traits: { first_name: "Ana", last_name: "López", company: "=cmd|' /C calc'!A0", title: "CTO" },
      stage: "lead" as const,
      updated_at: Date.parse("2026-03-02T08:00:00Z"),
      owner: { id: "ben", name: "Ben Ortiz" },
      account: { id: "a_1", domain: "northwind.example", name: "Northwind" },
      deal: { amount: 12000, currency: "EUR" },
      disposition: "won" as const,
    };
    const view = profileView(record, DEFAULT_SCORING, Date.parse("2026-03-02T08:00:00Z"));
    const cells = profileCsvLine(view).trimEnd().split(",").map((c) => c.replace(/^"(.*)"$/, "$1"));
    expect(cells).toHaveLength(CSV_COLUMNS.length);
    const row = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, cells[i]]));
    expect(row).toMatchObject({
      id: "p_1", email: "ana@northwind.example", name: "Ana López", company: "'=cmd|' /C calc'!A0", job_title: "CTO",
      stage: "lead", quality: view.quality.status, first_channel: "", last_source: "", updated_at: "2026-03-02T08:00:00.000Z",
      owner_id: "ben", owner_name: "Ben Ortiz", account_domain: "northwind.example", account_name: "Northwind", disposition: "won", deal_amount: "12000", deal_currency: "EUR",
    });
    for (const column of ["phone", "fit", "grade", "label", "quality", "first_source", "first_medium", "first_campaign", "last_source", "last_medium", "last_campaign", "owner_name", "account_domain", "account_name"]) {
      expect(CSV_COLUMNS).toContain(column);
    }
    expect(Number(row.score)).toBe(view.score);
  });
});
