// First-party serving: /p.js and /collect answer under the prefix(es) named by ROUTE_PREFIX, nothing else does.
import { describe, expect, it } from "vitest";
import { routePrefixes, unprefixedPath } from "../../worker/core/net/route-prefix";

describe("routePrefixes", () => {
  it.each([
    [undefined, []],
    ["", []],
    ["/", []],
    ["/_p", ["/_p"]],
    ["_p/", ["/_p"]],
    [" /_p , /stats/ ", ["/_p", "/stats"]],
    ["/a/b", ["/a/b"]],
  ])("%j → %j", (variable, prefixes) => {
    expect(routePrefixes(variable)).toEqual(prefixes);
  });
});

describe("unprefixedPath", () => {
  it.each([
    ["/_p/p.js", "/_p", "/p.js"],
    ["/_p/collect", "/_p", "/collect"],
    ["/stats/collect", "/_p,/stats", "/collect"],
    ["/a/b/p.js", "/a/b", "/p.js"],
    // Nothing else is reachable under a prefix, and nothing changes without one.
    ["/_p/api/v1/profiles", "/_p", "/_p/api/v1/profiles"],
    ["/_p/dashboard", "/_p", "/_p/dashboard"],
    ["/_p/p.js", undefined, "/_p/p.js"],
    ["/_pp.js", "/_p", "/_pp.js"],
    ["/p.js", "/_p", "/p.js"],
    ["/collect", "/_p", "/collect"],
  ])("%s under %j → %s", (path, variable, routed) => {
    expect(unprefixedPath(path, variable as string | undefined)).toBe(routed);
  });
});
