// The profiles table the migrations create is exactly the column list the store is generated from.
import { describe, expect, it } from "vitest";
import { PROFILE_COLUMNS } from "../../schema/vocabulary";
import { env } from "./support";

describe("the profiles table", () => {
  it("has the columns of PROFILE_COLUMNS, in order, with their types", async () => {
    const { results } = await env.DB.prepare("SELECT name, type FROM pragma_table_info('profiles') ORDER BY cid").all<{ name: string; type: string }>();
    expect(results.map((c) => [c.name, c.type])).toEqual(Object.entries(PROFILE_COLUMNS));
  });
});
