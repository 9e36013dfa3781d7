// Whether the collector can serve: storage answers and is migrated.
import { shardDb, shardNames } from "../shards";
import type { Env } from "../env";
import { storageReady } from "../store/health";

/** Every shard (the control database among them) answers and is migrated. */
export const healthy = async (env: Env): Promise<boolean> => (await Promise.all(shardNames(env).map((s) => storageReady(shardDb(env, s))))).every(Boolean);
