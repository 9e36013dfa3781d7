// Dead letters: what the consumers give up on, kept with the raw body so nothing is lost and an operator can replay
// it. Also the consumer of the dead-letter queues, for what the platform itself gives up on (a consumer that crashed).
import { controlDb } from "../shards";
import type { Env } from "../env";
import { insertDeadLetters, type DeadLetter } from "../store/dead-letters";

/** Deeper than this, a body is cut where it nests (a serialiser must never overflow on a hostile message). */
const BODY_DEPTH = 64;

/** JSON text of any value a queue delivered: as sent when it serialises, else with its too-deep parts cut. */
export function bodyText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "null";
  } catch {
    return JSON.stringify(cut(value, BODY_DEPTH));
  }
}

/** An iterative copy with everything below `depth` replaced by a marker. */
function cut(value: unknown, depth: number): unknown {
  const root: { v: unknown } = { v: undefined };
  const stack: { from: unknown; into: Record<string, unknown>; key: string; level: number }[] = [{ from: value, into: root as Record<string, unknown>, key: "v", level: 0 }];
  while (stack.length) {
    const { from, into, key, level } = stack.pop()!;
    if (typeof from !== "object" || from === null) into[key] = typeof from === "bigint" ? String(from) : from;
    else if (level >= depth) into[key] = "[cut: nested too deep]";
    else {
      const copy: Record<string, unknown> = Array.isArray(from) ? ([] as unknown as Record<string, unknown>) : {};
      into[key] = copy;
      for (const [k, child] of Object.entries(from)) stack.push({ from: child, into: copy, key: k, level: level + 1 });
    }
  }
  return root.v;
}

/** The one site a message is about, when it names exactly one. */
export function siteOfBody(body: unknown): string | null {
  const b = body as { events?: { site?: unknown }[]; rescore?: { site?: unknown }; follow_up?: { site?: unknown } } | null;
  const sites = new Set<unknown>([...(Array.isArray(b?.events) ? b!.events.map((e) => e?.site) : []), b?.rescore?.site, b?.follow_up?.site].filter((s) => s !== undefined));
  const [only] = sites;
  return sites.size === 1 && typeof only === "string" ? only.slice(0, 64) : null;
}

export function deadLetterOf(queue: string, body: unknown, reason: string, error: unknown, now: number): DeadLetter {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : error === null || error === undefined ? null : String(error);
  return { queue, site: siteOfBody(body), reason, error: message?.slice(0, 1000) ?? null, body: bodyText(body), at: now };
}

/** The dead-letter queues' consumer: the platform gave up on these after every retry. */
export async function recordDeadLetters(batch: MessageBatch<unknown>, env: Env, now: number): Promise<void> {
  await insertDeadLetters(controlDb(env), batch.messages.map((m) => deadLetterOf(batch.queue.replace(/-dlq$/, ""), m.body, "retries_exhausted", null, now)));
  batch.ackAll();
}
