// The scoring editor's JSON: indented, short containers on one line, and always the same document when parsed back.
import { describe, expect, it } from "vitest";
import { DEFAULT_SCORING } from "../../worker/core/scoring";
import { compactJson } from "../../worker/http/dashboard/compact-json";

describe("compactJson", () => {
  // [value, width, text]
  const cases: [unknown, number, string][] = [
    [{ a: 1, b: [1, 2] }, 100, '{"a": 1, "b": [1, 2]}'],
    [{ a: [1, 2, 3], b: "x" }, 20, '{\n  "a": [1, 2, 3],\n  "b": "x"\n}'],
    [{ a: [1, 2, 3], b: "x" }, 10, '{\n  "a": [\n    1,\n    2,\n    3\n  ],\n  "b": "x"\n}'],
    [{ a: [], b: {} }, 1, '{\n  "a": [],\n  "b": {}\n}'],
    [[{ id: "x", on: true }, null], 12, '[\n  {\n    "id": "x",\n    "on": true\n  },\n  null\n]'],
    ["a \"quoted\" text", 5, '"a \\"quoted\\" text"'],
    [{ skip: undefined, keep: 0 }, 100, '{"keep": 0}'],
  ];
  it.each(cases)("prints %j within %d columns as %j", (value, width, text) => {
    expect(compactJson(value, width)).toBe(text);
  });

  it("gives back the default scoring configuration unchanged when parsed", () => {
    expect(JSON.parse(compactJson(DEFAULT_SCORING))).toEqual(DEFAULT_SCORING);
  });

  it("keeps lines within the width unless one key holds a single long string", () => {
    const long = compactJson(DEFAULT_SCORING, 100).split("\n").filter((line) => line.length > 100);
    for (const line of long) expect(line).toMatch(/^\s*"[a-z_]+": "(?:[^"\\]|\\.)*",?$/);
  });
});
