// When a failed delivery is tried again: exponential backoff for more than 24 hours, then it is kept as failed.
const S = 1000;
const M = 60 * S;
const H = 60 * M;

/** Waits after the 1st, 2nd, … failed attempt: 12 attempts over 31 h 42 m 35 s (docs/WEBHOOKS.md has the table). */
export const RETRY_SCHEDULE_MS: readonly number[] = [5 * S, 30 * S, 2 * M, 10 * M, 30 * M, 1 * H, 2 * H, 4 * H, 8 * H, 8 * H, 8 * H];

/** Cloudflare Queues refuse a delay over 12 hours; longer waits are made of several hops. */
export const MAX_QUEUE_DELAY_SECONDS = 43_200;

/** The wait before the next attempt after `attemptsMade` attempts of this round, or null when retries are exhausted. */
export function retryDelayMs(attemptsMade: number, schedule: readonly number[] = RETRY_SCHEDULE_MS): number | null {
  if (attemptsMade < 1) return 0;
  return schedule[attemptsMade - 1] ?? null;
}

/**
 * The schedule a deployment uses: RETRY_SCHEDULE_MS, or a comma-separated list of milliseconds from
 * WEBHOOK_RETRY_SCHEDULE_MS (tests use "1000,2000,3000" to finish in seconds). A malformed value is ignored.
 */
export function scheduleFrom(setting: string | undefined): readonly number[] {
  if (!setting) return RETRY_SCHEDULE_MS;
  const parts = setting.split(",").map((p) => p.trim());
  const waits = parts.map(Number);
  const valid = parts.length <= 50 && parts.every((p) => /^\d+$/.test(p)) && waits.every((n) => n <= 7 * 24 * H);
  return valid ? waits : RETRY_SCHEDULE_MS;
}

/** The queue delay for a wait: whole seconds, at most one 12-hour hop (the consumer sends another hop if time remains). */
export function hopDelaySeconds(waitMs: number): number {
  return Math.min(MAX_QUEUE_DELAY_SECONDS, Math.max(0, Math.ceil(waitMs / S)));
}
