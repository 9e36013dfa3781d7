// The hourly cron: retention purge, expired dashboard sessions, cooling leads (decayed scores that fell out of mql move back to lead; their
// accounts follow in the same commit), and erased people's lines still in the archive (an object a batch in flight
// wrote during the erasure), and journeys still to be built for sites older than them.
// Scores themselves need no job: lists sort by a key that time does not change (core/scoring/score-key.ts).
import { coolingPlan } from "../core/profiles/replan";
import type { Env } from "../env";
import { commitPlan } from "../services/commit-plan";
import { eraseArchived } from "../services/profiles";
import { purgeExpiredEvents } from "../store/erasure";
import { rebuildListedSites } from "../store/journeys";
import { qualifiedByActivity } from "../store/profiles";
import { purgeExpiredSessions } from "../store/sessions";
import { listSites } from "../store/sites";
import { eachShard } from "../shards";

/** Profiles re-checked per site per run, oldest activity first; the next run continues. */
const COOLING_PAGE = 500;

export async function coolLeads(env: Env, now: number): Promise<number> {
  let changed = 0;
  for (const site of await listSites(env.DB)) {
    const plan = coolingPlan(await qualifiedByActivity(env.DB, site.id, COOLING_PAGE), site.scoring, now);
    if (plan.profiles.length === 0) continue;
    await commitPlan(env.DB, plan, { site, now });
    changed += plan.profiles.length;
  }
  return changed;
}

/** Profiles whose journeys are built per transaction, and transactions per run, for sites listed by migration 0013. */
const JOURNEY_PAGE = 1000;
const JOURNEY_PAGES = 200;

type HourlyCounts = { purged: number; cooled: number; archiveLinesErased: number; journeysRebuilt: number };

/** One shard's hourly work, in that shard's env. */
async function hourlyShard(env: Env, now: number): Promise<HourlyCounts> {
  const purged = await purgeExpiredEvents(env.DB, now);
  const cooled = await coolLeads(env, now);
  const archiveLinesErased = await eraseArchived(env);
  const journeysRebuilt = await rebuildListedSites(env.DB, JOURNEY_PAGE, JOURNEY_PAGES);
  return { purged, cooled, archiveLinesErased, journeysRebuilt };
}

/** Sessions end in the control database; the rest runs shard by shard, and the counts are summed. */
export async function hourly(env: Env, now: number): Promise<HourlyCounts & { sessionsEnded: number }> {
  const sessionsEnded = await purgeExpiredSessions(env.DB, now);
  const shards = await eachShard(env, (shard) => hourlyShard(shard, now));
  const sum = (k: keyof HourlyCounts) => shards.reduce((n, s) => n + s[k], 0);
  return { purged: sum("purged"), sessionsEnded, cooled: sum("cooled"), archiveLinesErased: sum("archiveLinesErased"), journeysRebuilt: sum("journeysRebuilt") };
}
