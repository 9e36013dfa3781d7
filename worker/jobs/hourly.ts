// The hourly cron: retention purge, cooling leads (decayed scores that fell out of mql move back to lead), and the
// stored scores that lists sort and filter by brought back in line with decay.
import { coolingPlan, refreshedScores } from "../core/profiles/replan";
import type { Env } from "../env";
import { planStatements } from "../store/consumer";
import { purgeExpiredEvents } from "../store/erasure";
import { hottestStored, qualifiedByActivity, storeScores } from "../store/profiles";
import { listSites } from "../store/sites";

/** Profiles re-checked per site per run; the next run continues (cooling: oldest activity first; scores: hottest first). */
const COOLING_PAGE = 500;
const SCORE_PAGE = 1000;

export async function coolLeads(env: Env, now: number): Promise<number> {
  let changed = 0;
  for (const site of await listSites(env.DB)) {
    const plan = coolingPlan(await qualifiedByActivity(env.DB, site.id, COOLING_PAGE), site.scoring, now);
    if (plan.profiles.length === 0) continue;
    await env.DB.batch(planStatements(env.DB, plan, now));
    changed += plan.profiles.length;
  }
  return changed;
}

/** The hottest profiles' stored scores, decayed to now, so "hottest first" and min_score stay true between visits. */
export async function refreshScores(env: Env, now: number): Promise<number> {
  let changed = 0;
  for (const site of await listSites(env.DB)) {
    const scores = refreshedScores(await hottestStored(env.DB, site.id, SCORE_PAGE), site.scoring, now);
    await storeScores(env.DB, scores);
    changed += scores.length;
  }
  return changed;
}

export async function hourly(env: Env, now: number): Promise<{ purged: number; cooled: number; rescored: number }> {
  const purged = await purgeExpiredEvents(env.DB, now);
  const cooled = await coolLeads(env, now);
  const rescored = await refreshScores(env, now);
  return { purged, cooled, rescored };
}
