// A plain `wrangler deploy` is production: development settings (ENVIRONMENT, the development token) live in .dev.vars only.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isDevelopment } from "../../worker/env";

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

describe("production is the default", () => {
  it("wrangler.toml sets no development variable and no token", () => {
    const toml = read("wrangler.toml");
    expect(toml).not.toMatch(/^\s*ENVIRONMENT\s*=/m);
    expect(toml).not.toMatch(/^\s*ADMIN_TOKEN\s*=/m);
    expect(toml).not.toMatch(/dev-admin-token/);
  });

  it("development is only what .dev.vars says, which wrangler dev reads and wrangler deploy does not", () => {
    expect(read(".dev.vars")).toMatch(/^ENVIRONMENT=development$/m);
    expect(isDevelopment({})).toBe(false);
    expect(isDevelopment({ ENVIRONMENT: "production" })).toBe(false);
    expect(isDevelopment({ ENVIRONMENT: "development" })).toBe(true);
  });
});
