// A PATCH of an account: an owner or a name set by hand (null: back to what its people say), summed again from its
// people and written from the version read, like any other change to an account.
import { emptyPlan, type Plan } from "../profiles/plan";
import type { ScoringConfig } from "../../../schema/scoring";
import { aggregate, type Owner } from "./account";
import type { AccountsKnown } from "./plan-accounts";

export interface AccountPatch {
  owner?: Owner | null;
  name?: string | null;
}

export function patchAccountPlan(known: AccountsKnown, id: string, patch: AccountPatch, config: ScoringConfig, now: number): Plan {
  const stored = known.accounts.get(id);
  if (!stored) return emptyPlan();
  const base = {
    ...stored,
    ...(patch.owner !== undefined ? { owner: patch.owner, owner_by_hand: patch.owner !== null } : {}),
    ...(patch.name !== undefined ? { name_by_hand: patch.name } : {}),
  };
  const record = { ...aggregate(base, known.members.get(id) ?? [], config), updated_at: now };
  return { ...emptyPlan(), accounts: [{ record, from_version: stored.version, renamed: stored.name !== record.name, threshold: known.threshold(stored.site) }] };
}
