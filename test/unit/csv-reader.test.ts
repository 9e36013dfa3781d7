// The RFC 4180 reader: quoted fields, doubled quotes, line breaks inside quotes, CRLF/LF/CR, BOM, and errors by line.
import { describe, expect, it } from "vitest";
import { readCsv } from "../../worker/core/csv-reader";
import { csvLine } from "../../worker/core/csv";

describe("readCsv", () => {
  it.each([
    ["plain LF", "a,b\n1,2\n", [[1, ["a", "b"]], [2, ["1", "2"]]]],
    ["CRLF, no final break", "a,b\r\n1,2", [[1, ["a", "b"]], [2, ["1", "2"]]]],
    ["a lone CR", "a,b\r1,2", [[1, ["a", "b"]], [2, ["1", "2"]]]],
    ["a byte-order mark", "\uFEFFa,b\n", [[1, ["a", "b"]]]],
    ["empty fields", ",x,\n", [[1, ["", "x", ""]]]],
    ["quoted commas and doubled quotes", '"a,b","say ""hi""",c\n', [[1, ["a,b", 'say "hi"', "c"]]]],
    ["a quoted empty field", '"",x\n', [[1, ["", "x"]]]],
    ["line breaks inside quotes count as lines", 'a,"one\r\ntwo\nthree"\nnext,row\n', [[1, ["a", "one\r\ntwo\nthree"]], [4, ["next", "row"]]]],
    ["blank lines skipped, numbering kept", "a\n\n\r\nb\n", [[1, ["a"]], [4, ["b"]]]],
    ["spaces kept as they are", " a , b \n", [[1, [" a ", " b "]]]],
    ["nothing at all", "", []],
  ])("reads %s", (_, text, expected) => {
    expect(readCsv(text)).toEqual({ ok: true, records: expected.map(([line, fields]) => ({ line, fields })) });
  });

  it.each([
    ["a quote inside an unquoted field", 'a,b\nx,y"z\n', 2, "inside an unquoted field"],
    ["text after a closing quote", 'a\n\n"x"y,1\n', 3, "after a closing quote"],
    ["a quoted field never closed (named where it opened)", 'a,b\n1,"two\nthree\n', 2, "never closed"],
  ])("refuses %s, naming the line", (_, text, line, message) => {
    const read = readCsv(text);
    expect(read).toMatchObject({ ok: false, line });
    expect(read.ok === false && read.message).toContain(message);
  });

  it("stops at maxRecords, naming the first record too many", () => {
    expect(readCsv("a\nb\nc\n", { maxRecords: 2 })).toMatchObject({ ok: false, line: 3 });
  });

  it("reads back what the CSV writer writes", () => {
    const cells = ["plain", 'with "quotes", commas', "two\r\nlines", 12.5, null];
    const read = readCsv(csvLine(cells) + csvLine(["x"]));
    expect(read).toEqual({ ok: true, records: [{ line: 1, fields: ["plain", 'with "quotes", commas', "two\r\nlines", "12.5", ""] }, { line: 3, fields: ["x"] }] });
  });
});
