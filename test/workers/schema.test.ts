// The profiles table the migrations create is exactly the column list the store is generated from.
import { describe, expect, it } from "vitest";
import { PROFILE_COLUMNS } from "../../schema/vocabulary";
import { shardDb, shardNames } from "../../worker/shards";
import { env } from "./support";

describe("the profiles table", () => {
  it("has the columns of PROFILE_COLUMNS, in order, with their types", async () => {
    // In every shard: each holds its sites' profiles.
    for (const shard of shardNames(env)) {
      const { results } = await shardDb(env, shard).prepare("SELECT name, type FROM pragma_table_info('profiles') ORDER BY cid").all<{ name: string; type: string }>();
      expect(results.map((c) => [c.name, c.type]), shard).toEqual(Object.entries(PROFILE_COLUMNS));
    }
  });
});
