// The body of a webhook: {"type","timestamp","data":{"profile":Profile,…}}, rendered from an outbox row's snapshot.
import type { ScoringConfig } from "../../../schema/scoring";
import type { ProfileRecord } from "../profiles/profile";
import type { FilterFacts } from "./match";
import { profileView } from "../profiles/view";
import { scoreOfKey } from "../scoring/score-key";

/** What a CRM needs to find its record of an erased person; nothing else about them is kept. */
export interface ProfileStub {
  id: string;
  site: string;
  email: string | null;
  user_id: string | null;
}

/** An outbox row's profile: the full record after the transition, or a stub once the person is erased. */
export type Snapshot = { record: ProfileRecord } | { stub: ProfileStub };

export function stubOf(p: ProfileStub): ProfileStub {
  return { id: p.id, site: p.site, email: p.email, user_id: p.user_id };
}

/** What endpoint filters read, as the profile stood at the transition (`at`); null for an erased person. */
export function filterFactsOf(snapshot: Snapshot, config: ScoringConfig, at: number): FilterFacts | null {
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
  const profile = "record" in m.snapshot ? profileView(m.snapshot.record, config, m.at) : m.snapshot.stub;
  const { profile: _ignored, ...fields } = m.data;
  return JSON.stringify({ type: m.type, timestamp: new Date(m.at).toISOString(), data: { profile, ...fields } });
}
