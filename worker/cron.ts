// The hourly cron: retention purge, and cooling leads (decayed scores that fell out of mql are moved back to lead).
import { coolingPlan } from "./core/replan";
import type { Env } from "./env";
import { planStatements } from "./store/consumer";
import { purgeExpiredEvents } from "./store/erasure";
import { recordOf, type ProfileRow } from "./store/profile-rows";
import { listSites } from "./store/sites";

/** Qualified profiles re-checked per site per run; the next run continues where decay matters most (oldest activity first). */
const COOLING_PAGE = 500;

export async function coolLeads(env: Env, now: number): Promise<number> {
  let changed = 0;
  for (const site of await listSites(env.DB)) {
    const { results } = await env.DB.prepare("SELECT * FROM profiles WHERE site = ?1 AND stage = 'mql' ORDER BY last_seen LIMIT ?2")
      .bind(site.id, COOLING_PAGE)
      .all<ProfileRow>();
    const plan = coolingPlan(results.map(recordOf), site.scoring, now);
    if (plan.profiles.length === 0) continue;
    await env.DB.batch(planStatements(env.DB, plan, now));
    changed += plan.profiles.length;
  }
  return changed;
}

export async function hourly(env: Env, now: number): Promise<{ purged: number; cooled: number }> {
  const purged = await purgeExpiredEvents(env.DB, now);
  const cooled = await coolLeads(env, now);
  return { purged, cooled };
}
