// The dashboard's request guards: same-origin POSTs only, sign-in redirects that stay on the dashboard, a strict CSP.
import { describe, expect, it } from "vitest";
import { cspOf, newNonce } from "../../worker/http/dashboard/csp";
import { hrefOf, safeNext } from "../../worker/http/dashboard/links";
import { postAllowed } from "../../worker/http/dashboard/origin-check";

const SELF = "http://127.0.0.1:8911";

describe("postAllowed", () => {
  // [Origin header, Sec-Fetch-Site header, allowed]
  const cases: [string | undefined, string | undefined, boolean][] = [
    [SELF, "same-origin", true],
    [SELF, undefined, true],
    ["HTTP://127.0.0.1:8911", undefined, true],
    ["https://evil.example", "cross-site", false],
    ["https://evil.example", "same-origin", false],
    ["http://127.0.0.1:8911.evil.example", undefined, false],
    ["http://127.0.0.1:8912", "same-site", false],
    ["null", "same-origin", true],
    ["null", "cross-site", false],
    [undefined, "same-origin", true],
    [undefined, "same-site", false],
    [undefined, undefined, false],
  ];
  it.each(cases)("Origin %j with Sec-Fetch-Site %j → %s", (origin, secFetchSite, allowed) => {
    expect(postAllowed({ origin, secFetchSite, self: SELF })).toBe(allowed);
  });
});

describe("safeNext", () => {
  const cases: [string | undefined, string][] = [
    [undefined, "/dashboard"],
    ["/dashboard", "/dashboard"],
    ["/dashboard/leads?stage=mql", "/dashboard/leads?stage=mql"],
    ["/dashboard?site=demo", "/dashboard?site=demo"],
    ["/dashboardx", "/dashboard"],
    ["//evil.example/dashboard", "/dashboard"],
    ["https://evil.example/dashboard", "/dashboard"],
    ["/dashboard/\\evil", "/dashboard"],
    ["/dashboard/x\r\nSet-Cookie: a=b", "/dashboard"],
    ["/api/v1/profiles", "/dashboard"],
  ];
  it.each(cases)("sends %j to %j", (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});

describe("hrefOf", () => {
  it("keeps set parameters in order, escaped, and leaves out empty ones", () => {
    expect(hrefOf("/dashboard", { site: "demo", from: undefined, to: "", q: "a b&c", page: 2, x: null })).toBe("/dashboard?site=demo&q=a+b%26c&page=2");
    expect(hrefOf("/dashboard/leads")).toBe("/dashboard/leads");
  });
});

describe("cspOf", () => {
  it("allows nothing by default and inline style and script only with the nonce", () => {
    const directives = new Map(cspOf("abc123").split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]));
    expect(Object.fromEntries(directives)).toEqual({
      "default-src": "'none'",
      "script-src": "'nonce-abc123'",
      "style-src": "'self' 'nonce-abc123'",
      "img-src": "'self' data:",
      "form-action": "'self'",
      "frame-ancestors": "'none'",
      "base-uri": "'none'",
    });
  });

  it("makes a new 128-bit nonce for every response", () => {
    const nonces = new Set(Array.from({ length: 50 }, newNonce));
    expect(nonces.size).toBe(50);
    for (const n of nonces) expect(atob(n)).toHaveLength(16);
  });
});
