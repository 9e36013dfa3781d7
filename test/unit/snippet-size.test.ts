// The snippet's size budget: dist/p.js, built by the real build script, stays within 2,000 bytes at gzip -9.
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error — plain ESM script without types
import { buildSnippet } from "../../scripts/build-snippet.mjs";

const BUDGET = 2000;
const dist = path.resolve(import.meta.dirname, "../../dist/p.js");
const generated = path.resolve(import.meta.dirname, "../../worker/generated/snippet.ts");

let code: string;

beforeAll(async () => {
  await buildSnippet();
  code = readFileSync(dist, "utf8");
}, 60_000);

describe("the built snippet", () => {
  it(`is at most ${BUDGET} bytes at gzip -9`, () => {
    const bytes = gzipSync(code, { level: 9 }).length;
    console.info(`dist/p.js: ${Buffer.byteLength(code)} bytes, ${bytes} bytes gzip -9 (budget ${BUDGET})`);
    expect(bytes).toBeLessThanOrEqual(BUDGET);
  });

  it("is one isolated function: nothing it declares leaks into the page's global scope", () => {
    expect(code).toMatch(/^\(\(\)=>\{[\s\S]*\}\)\(\);?$/);
  });

  it("is what the Worker serves at /p.js", () => {
    expect(readFileSync(generated, "utf8")).toContain(`export const SNIPPET = ${JSON.stringify(code)};`);
  });

  // STYLE.md point 10: no DOM or CSS injection, never preventDefault; the wire schema ships as types only.
  it.each([
    ["preventDefault", /preventDefault/],
    ["stopPropagation", /stopPropagation/],
    ["DOM injection", /appendChild|insertBefore|innerHTML|insertAdjacent|createElement|document\.write/],
    ["CSS injection", /\.style\b|CSSStyleSheet|insertRule/],
    ["valibot (types only, zero bytes)", /valibot|safeParse|strictObject/],
  ])("contains no %s", (_what, pattern) => {
    expect(code).not.toMatch(pattern);
  });
});
