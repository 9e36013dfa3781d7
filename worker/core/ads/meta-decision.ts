// What a Conversions API response means: delivered, retried (Meta says the error is transient) or dead (permanent: a
// bad token, an invalid parameter — sending it again cannot help), with Meta's own message for the delivery log.
import type { AttemptOutcome, Decision } from "../webhooks/decision";
import { outcomeError } from "../webhooks/decision";

/** Graph API error codes Meta documents as temporary: unknown/service errors (1, 2) and rate limits (4, 17, 341, 613). */
export const META_TRANSIENT_CODES: readonly number[] = [1, 2, 4, 17, 341, 613];

export interface MetaError {
  message: string | null;
  type: string | null;
  code: number | null;
  error_subcode: number | null;
  is_transient: boolean | null;
}

const field = (text: string, name: string) => new RegExp(`"${name}"\\s*:\\s*("(?:[^"\\\\]|\\\\.)*"|-?\\d+|true|false)`).exec(text)?.[1];

/**
 * Meta's `{"error":{"message","type","code","error_subcode","is_transient",…}}`. The log keeps only the start of a
 * body, so a cut-off one is read field by field.
 */
export function metaErrorOf(body: string | null): MetaError | null {
  if (!body || !body.includes('"error"')) return null;
  const raw = (name: string) => field(body, name);
  const text = (name: string) => {
    const r = raw(name);
    if (!r?.startsWith('"')) return null;
    try {
      return JSON.parse(r) as string;
    } catch {
      return null;
    }
  };
  const num = (name: string) => (raw(name) !== undefined && /^-?\d+$/.test(raw(name)!) ? Number(raw(name)) : null);
  const flag = raw("is_transient");
  return { message: text("message"), type: text("type"), code: num("code"), error_subcode: num("error_subcode"), is_transient: flag === undefined ? null : flag === "true" };
}

export function isTransientMeta(status: number, error: MetaError | null): boolean {
  if (status >= 500 || status === 429) return true;
  if (!error) return false;
  return error.is_transient === true || (error.code !== null && META_TRANSIENT_CODES.includes(error.code));
}

/** The log's line for a Meta error: its code, subcode, type and message. */
function metaErrorText(status: number, e: MetaError | null, body: string | null): string {
  if (!e) return `HTTP ${status}${body ? `: ${body}` : ""}`;
  const code = e.code === null ? "" : ` ${e.code}${e.error_subcode === null ? "" : `/${e.error_subcode}`}`;
  return `HTTP ${status}, Meta error${code}${e.type ? ` (${e.type})` : ""}: ${e.message ?? "no message"}`;
}

export function metaDecision(outcome: AttemptOutcome, body: string | null): { decision: Decision; error: string | null } {
  if (outcome.kind !== "response") return { decision: outcome.kind === "refused" ? "drop" : "retry", error: outcomeError(outcome) };
  const { status } = outcome;
  if (status >= 200 && status < 300) return { decision: "delivered", error: null };
  const e = metaErrorOf(body);
  return { decision: isTransientMeta(status, e) ? "retry" : "drop", error: metaErrorText(status, e, body).slice(0, 500) };
}
