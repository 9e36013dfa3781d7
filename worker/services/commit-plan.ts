// Committing a plan made outside the consumer (a CRM's PATCH, a rescore page, cooling leads): its people routed — to
// their account's owner first — and placed in their accounts, in the same transaction; planned again from fresh rows
// while a round-robin counter or an account moves under it (store/routing.ts, store/accounts.ts).
import type { ScoringConfig } from "../../schema/scoring";
import { accountOwnerOf, accountsOfPlan, planAccounts } from "../core/accounts/plan-accounts";
import type { Plan } from "../core/profiles/plan";
import type { RoutingInput, SiteRouting } from "../core/routing/assign";
import { loadAccounts } from "../store/accounts";
import { commit } from "../store/commit";
import { loadRouting, untilRotationSettles } from "../store/routing";

export interface PlanCommit {
  site: { id: string; scoring: ScoringConfig };
  now: number;
  /** owners for the plan, given the site's routing and its accounts' owners (omitted: nobody is assigned) */
  route?: (plan: Plan, routing: SiteRouting | null, accountOwner: RoutingInput["accountOwner"]) => Plan;
}

/** Routes, places in accounts and commits `plan`; returns what was committed. */
export async function commitPlan(db: D1Database, plan: Plan, c: PlanCommit): Promise<Plan> {
  const scoring = () => c.site.scoring;
  return untilRotationSettles(async () => {
    const [routing, accounts] = await Promise.all([
      c.route ? loadRouting(db, [c.site.id]) : null,
      loadAccounts(db, [c.site.id], accountsOfPlan(plan, scoring)),
    ]);
    const routed = c.route ? c.route(plan, routing?.get(c.site.id) ?? null, accountOwnerOf(accounts, scoring)) : plan;
    const settled = planAccounts(routed, accounts, scoring, c.now);
    await commit(db, settled, c.now);
    return settled;
  });
}
