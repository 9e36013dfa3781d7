// The attribution CSV: RFC 4180 quoting, and text a spreadsheet would run as a formula defused with a leading '.
import { describe, expect, it } from "vitest";
import { attributionCsv, csvFileName } from "../../worker/http/dashboard/attribution-csv";

const report = (key: string, conversion = "lead") => ({ model: "linear", group_by: "campaign", conversion, rows: [{ key, conversions: 1.5, value: 0 }] });
const rowOf = (csv: string) => csv.split("\r\n")[1];

describe("attributionCsv", () => {
  it("starts with a header naming the grouping, and ends every line with CRLF", () => {
    const csv = attributionCsv({ model: "markov", group_by: "channel", conversion: "mql", rows: [{ key: "Email", conversions: 2.25, value: 10 }] });
    expect(csv).toBe('"channel","conversions","value","model","conversion"\r\n"Email",2.25,10,"markov","mql"\r\n');
  });

  // [key as stored, cell as written]
  const cases: [string, string][] = [
    ["spring-sale", '"spring-sale"'],
    ["spring; sale", '"spring; sale"'],
    ["spring, sale", '"spring, sale"'],
    ['the "big" one', '"the ""big"" one"'],
    ["line\nbreak", '"line\nbreak"'],
    ['=HYPERLINK("http://evil.example")', `"'=HYPERLINK(""http://evil.example"")"`],
    ["+1+2", `"'+1+2"`],
    ["-2+3", `"'-2+3"`],
    ["@SUM(A1)", `"'@SUM(A1)"`],
    ["\tcmd", `"'\tcmd"`],
    ["\rcmd", `"'\rcmd"`],
  ];
  it.each(cases)("writes the key %j as %j", (key, cell) => {
    expect(rowOf(attributionCsv(report(key)))).toBe(`${cell},1.5,0,"linear","lead"`);
  });

  it("defuses a custom conversion name as well", () => {
    expect(rowOf(attributionCsv(report("Email", "=cmd|'/c calc'!A0")))).toBe(`"Email",1.5,0,"linear","'=cmd|'/c calc'!A0"`);
  });

  it("writes a header only when there are no rows", () => {
    expect(attributionCsv({ model: "linear", group_by: "source", conversion: "lead", rows: [] })).toBe('"source","conversions","value","model","conversion"\r\n');
  });
});

describe("csvFileName", () => {
  it("names the conversion, model, grouping and range with safe characters only", () => {
    expect(csvFileName({ model: "linear", group_by: "channel", conversion: 'trial started/../"x"' }, { from: "2026-10-24", to: "2026-11-22" })).toBe(
      "attribution-trial-started-x--linear-by-channel-2026-10-24-to-2026-11-22.csv",
    );
  });
});
