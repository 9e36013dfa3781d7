// What one delivery attempt's outcome means: the pure status → 'delivered' | 'retry' | 'disable' | 'drop' table.

export type AttemptOutcome =
  | { kind: "response"; status: number; location?: string | null }
  | { kind: "error"; error: "timeout" | "network"; message: string }
  /** the attempt was not made: the endpoint is gone, disabled, or its URL no longer passes the SSRF guard */
  | { kind: "refused"; reason: string };

export type Decision = "delivered" | "retry" | "disable" | "drop";

/**
 * 2xx is delivered. 410 Gone is the receiver saying "stop": the endpoint is disabled. Everything else is retried
 * on the schedule — 408, 429, 5xx and network errors are transient by definition, and other 4xx (401 after a
 * botched secret rotation, 404 during a deploy, 400 from a too-strict parser) are usually fixed by the CRM's
 * owner within the retry window; dropping them would silently lose a lead, and retries are bounded anyway.
 */
export function deliveryDecision(outcome: AttemptOutcome): Decision {
  if (outcome.kind === "refused") return "drop";
  if (outcome.kind === "error") return "retry";
  if (outcome.status >= 200 && outcome.status < 300) return "delivered";
  if (outcome.status === 410) return "disable";
  return "retry";
}

/** The delivery log's last_error for an outcome (null when it succeeded). */
export function outcomeError(outcome: AttemptOutcome): string | null {
  if (outcome.kind === "refused") return outcome.reason;
  if (outcome.kind === "error") return outcome.error === "timeout" ? `timed out: ${outcome.message}` : `network error: ${outcome.message}`;
  const s = outcome.status;
  if (s >= 200 && s < 300) return null;
  // Redirects are not followed: a public URL could otherwise bounce the request to a private one.
  if (s >= 300 && s < 400) return `HTTP ${s}: redirect${outcome.location ? ` to ${outcome.location}` : ""} not followed; register the final URL`;
  if (s === 410) return "HTTP 410 Gone: the endpoint was disabled";
  return `HTTP ${s}`;
}
