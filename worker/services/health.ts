// Whether the collector can serve: storage answers and is migrated.
import type { Env } from "../env";
import { storageReady } from "../store/health";

export const healthy = (env: Env): Promise<boolean> => storageReady(env.DB);
