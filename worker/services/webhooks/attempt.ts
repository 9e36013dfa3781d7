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
  /** how much of an error response to keep (ERROR_BODY_BYTES unless the endpoint's kind needs more) */
  errorBytes?: number;
}

export interface AttemptResult {
  outcome: AttemptOutcome;
  latency_ms: number;
  /** the start of an error response's body, for the delivery log */
  excerpt: string | null;
}

/** The first bytes of a body (an error page can be large; the log needs a hint, not the page). */
async function excerptOf(res: Response, max: number): Promise<string | null> {
  if (!res.body) return null;
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < max) {
    const { done, value } = await reader.read();
    if (done || !value) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  const bytes = new Uint8Array(size);
  chunks.reduce((at, c) => (bytes.set(c, at), at + c.byteLength), 0);
  const text = new TextDecoder().decode(bytes.slice(0, max)).trim();
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
    const excerpt = ok ? (await res.body?.cancel(), null) : await excerptOf(res, req.errorBytes ?? ERROR_BODY_BYTES).catch(() => null);
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
