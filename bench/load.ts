// A bounded HTTP load generator on 127.0.0.1: fixed concurrency, stops at a time or request budget.
export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  statuses: Record<number, number>;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function load(options: { concurrency: number; seconds: number; maxRequests: number; request: (i: number) => Promise<Response> }): Promise<LoadResult> {
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let issued = 0;
  let errors = 0;
  const start = performance.now();
  const deadline = start + options.seconds * 1000;
  async function worker() {
    while (performance.now() < deadline && issued < options.maxRequests) {
      const i = issued++;
      const t0 = performance.now();
      try {
        const res = await options.request(i);
        await res.arrayBuffer();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status >= 400) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, seconds, rps: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), statuses };
}

/** Polls until fn is true or the time budget ends; returns the elapsed ms, or null on time-out. */
export async function until(fn: () => Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<number | null> {
  const start = performance.now();
  while (performance.now() - start < timeoutMs) {
    if (await fn()) return performance.now() - start;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  return null;
}
