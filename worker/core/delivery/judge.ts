// What an attempt's outcome means, by the endpoint's kind: webhooks and alerts follow core/webhooks/decision.ts (retry
// everything but 2xx and 410); Meta follows its own error codes (core/ads/meta-decision.ts). Also the log's error text.
import type { EndpointKind } from "../../../schema/vocabulary";
import { metaDecision } from "../ads/meta-decision";
import { deliveryDecision, outcomeError, type AttemptOutcome, type Decision } from "../webhooks/decision";

export interface Judgement {
  decision: Decision;
  /** the delivery log's last_error (null when delivered) */
  error: string | null;
}

function standard(outcome: AttemptOutcome, excerpt: string | null): Judgement {
  const error = outcomeError(outcome);
  return { decision: deliveryDecision(outcome), error: error && excerpt ? `${error}: ${excerpt}`.slice(0, 500) : error };
}

const JUDGES: Record<EndpointKind, (outcome: AttemptOutcome, excerpt: string | null) => Judgement> = {
  webhook: standard,
  slack: standard,
  teams: standard,
  meta: metaDecision,
};

export function judgeAttempt(kind: EndpointKind, outcome: AttemptOutcome, excerpt: string | null): Judgement {
  return JUDGES[kind](outcome, excerpt);
}
