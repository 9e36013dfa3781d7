// One HTTP attempt: POST the signed body with a timeout, never following redirects; the outcome and its latency.
import type { AttemptOutcome } from "../../core/webhooks/decision";

/** fetch, or a stand-in for it in tests. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export const ATTEMPT_TIMEOUT_MS = 10_000;
const ERROR_BODY_BYTES = 300;

export interface AttemptRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface AttemptResult {
  outcome: AttemptOutcome;
  latency_ms: number;
  /** the start of an error response's body, for the delivery log */
  excerpt: string | null;
}

/** The first bytes of a body (an error page can be large; the log needs a hint, not the page). */
async function excerptOf(res: Response): Promise<string | null> {
  if (!res.body) return null;
  const reader = res.body.getReader();
  const { value } = await reader.read();
  await reader.cancel().catch(() => undefined);
  const text = value ? new TextDecoder().decode(value.slice(0, ERROR_BODY_BYTES)).trim() : "";
  return text || null;
}

export async function attemptDelivery(fetcher: FetchLike, req: AttemptRequest, clock: () => number, timeoutMs = ATTEMPT_TIMEOUT_MS): Promise<AttemptResult> {
  const started = clock();
  try {
    const res = await fetcher(req.url, {
      method: "POST",
      headers: { ...req.headers, "content-type": "application/json", "user-agent": "Pista-Webhooks/1" },
      body: req.body,
      // A public URL must not bounce the request to a private one: redirects are reported, not followed.
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const ok = res.status >= 200 && res.status < 300;
    const excerpt = ok ? (await res.body?.cancel(), null) : await excerptOf(res).catch(() => null);
    return { outcome: { kind: "response", status: res.status, location: res.headers.get("location") }, latency_ms: clock() - started, excerpt };
  } catch (err) {
    const e = err as Error;
    const timedOut = e.name === "TimeoutError" || e.name === "AbortError";
    const outcome: AttemptOutcome = timedOut
      ? { kind: "error", error: "timeout", message: `no response within ${timeoutMs} ms` }
      : { kind: "error", error: "network", message: e.message || e.name };
    return { outcome, latency_ms: clock() - started, excerpt: null };
  }
}
