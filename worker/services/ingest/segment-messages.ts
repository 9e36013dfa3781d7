// A Segment request body → its valid messages and, for a batch, the rejected ones with their reasons.
// One bad message never loses the good ones; a single-message endpoint answers 400 for its one message.
import * as v from "valibot";
import { SEGMENT_LIMITS, SegmentBatch, SegmentMessage, type SegmentType } from "../../../schema/segment";
import { ApiError, type Issue } from "../../errors";
import { issuesOf, validated } from "../../validate";

export type SegmentEndpoint = SegmentType | "batch";

export interface Rejected {
  index: number;
  messageId: string | null;
  issues: Issue[];
}

export interface ParsedMessages {
  messages: SegmentMessage[];
  rejected: Rejected[];
  /** the batch's sentAt, for messages without their own */
  sentAt: number | null;
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

export function byteLength(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value) ?? "").byteLength;
}

function messageIdOf(raw: unknown): string | null {
  const id = isRecord(raw) ? raw.messageId : undefined;
  return typeof id === "string" ? id.slice(0, SEGMENT_LIMITS.messageIdLength) : null;
}

/** The batch's context sits under each message's own, key by key (Segment merges them the same way). */
function withBatchContext(raw: unknown, context: Record<string, unknown> | null | undefined): unknown {
  if (!context || !isRecord(raw)) return raw;
  if (raw.context !== undefined && raw.context !== null && !isRecord(raw.context)) return raw;
  return { ...raw, context: { ...context, ...(raw.context ?? {}) } };
}

function batchMessages(body: unknown): ParsedMessages {
  const envelope = validated(SegmentBatch, body, "batch");
  const out: ParsedMessages = { messages: [], rejected: [], sentAt: envelope.sentAt ?? null };
  envelope.batch.forEach((raw, index) => {
    const reject = (issues: Issue[]) => out.rejected.push({ index, messageId: messageIdOf(raw), issues: issues.map((i) => ({ ...i, path: `batch.${index}${i.path ? "." + i.path : ""}` })) });
    if (byteLength(raw) > SEGMENT_LIMITS.messageBytes) return reject([{ path: "", message: `the message is larger than ${SEGMENT_LIMITS.messageBytes / 1024} KB` }]);
    const r = v.safeParse(SegmentMessage, withBatchContext(raw, envelope.context));
    if (r.success) out.messages.push(r.output);
    else reject(issuesOf(r.issues));
  });
  return out;
}

/** Validates a request body for an endpoint; throws 400 when not one message is valid. */
export function segmentMessages(body: unknown, endpoint: SegmentEndpoint): ParsedMessages {
  if (endpoint !== "batch") {
    // The path names the type; a `type` in the body is ignored, as Segment does.
    const message = validated(SegmentMessage, isRecord(body) ? { ...body, type: endpoint } : body, "message");
    return { messages: [message], rejected: [], sentAt: null };
  }
  const parsed = batchMessages(body);
  if (parsed.messages.length === 0) {
    throw new ApiError(400, "No message in the batch is valid.", { issues: parsed.rejected.flatMap((r) => r.issues).slice(0, 20) });
  }
  return parsed;
}
