// The body of a webhook: {"type","timestamp","data":{"profile":Profile,…}} (an account's: {"account":Account,…}),
// rendered from an outbox row's snapshot.
import type { ScoringConfig } from "../../../schema/scoring";
import type { ProfileRecord } from "../profiles/profile";
import type { FilterFacts } from "./match";
import { profileView } from "../profiles/view";
import { scoreOfKey } from "../scoring/score-key";
import type { AccountRecord, AccountThreshold } from "../accounts/account";
import { accountView } from "../accounts/view";

/** What a CRM needs to find its record of an erased person; nothing else about them is kept. */
export interface ProfileStub {
  id: string;
  site: string;
  email: string | null;
  user_id: string | null;
}

/** An outbox row's profile: the full record after the transition, or a stub once the person is erased; for an account's
 *  transition, the account after it with the threshold it crossed. */
export type Snapshot = { record: ProfileRecord } | { stub: ProfileStub } | AccountSnapshot;
export interface AccountSnapshot {
  account: AccountRecord;
  threshold: AccountThreshold;
}

/** The site an outbox row belongs to, whichever kind of snapshot it carries. */
export const snapshotSite = (s: Snapshot) => ("record" in s ? s.record.site : "stub" in s ? s.stub.site : s.account.site);

export function stubOf(p: ProfileStub): ProfileStub {
  return { id: p.id, site: p.site, email: p.email, user_id: p.user_id };
}

/** What endpoint filters read, as the profile stood at the transition (`at`); null for an erased person. */
export function filterFactsOf(snapshot: Snapshot, config: ScoringConfig, at: number): FilterFacts | null {
  if ("account" in snapshot) {
    const a = accountView(snapshot.account, config, snapshot.threshold, at);
    return { score: a.score, grade: a.grade, label: a.label ?? config.labels.default, stage: a.stage };
  }
  if (!("record" in snapshot)) return null;
  const r = snapshot.record;
  return { score: scoreOfKey(r.score_key, config, at), grade: r.grade, label: r.label, stage: r.stage };
}

export interface OutboxMessage {
  type: string;
  /** when the transition happened, epoch ms */
  at: number;
  data: Record<string, unknown>;
  snapshot: Snapshot;
}

/**
 * The JSON body. The profile is rendered as of the transition (score decayed to `at`, not to the attempt), so every
 * retry and replay of a webhook-id carries the same body.
 */
export function webhookBody(m: OutboxMessage, config: ScoringConfig): string {
  const { profile: _ignored, account: _too, ...fields } = m.data;
  const about = "account" in m.snapshot
    ? { account: accountView(m.snapshot.account, config, m.snapshot.threshold, m.at) }
    : { profile: "record" in m.snapshot ? profileView(m.snapshot.record, config, m.at) : m.snapshot.stub };
  return JSON.stringify({ type: m.type, timestamp: new Date(m.at).toISOString(), data: { ...about, ...fields } });
}
