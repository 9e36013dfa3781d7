// The one error type and its one renderer: every failure leaves as CONTRACT §4's JSON shape, never a stack.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export interface Issue {
  path: string;
  message: string;
}

const CODES = {
  400: "invalid_request",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  409: "conflict",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "rate_limited",
  500: "internal_error",
  503: "unavailable",
} as const;
export type ErrorStatus = keyof typeof CODES;

/** Hono's one exception type, with a code and validation issues: every failure the app raises is one of these. */
export class ApiError extends HTTPException {
  constructor(
    override readonly status: ErrorStatus,
    message: string,
    readonly options: { code?: string; issues?: Issue[]; headers?: Record<string, string> } = {},
  ) {
    super(status, { message });
  }

  get code(): string {
    return this.options.code ?? CODES[this.status];
  }
}

export function errorBody(err: ApiError) {
  const { issues } = err.options;
  return { error: { code: err.code, message: err.message, ...(issues?.length ? { issues } : {}) } };
}

/** Any HTTPException (ours, or one a Hono middleware throws) as an ApiError with the same status and message. */
export function asApiError(err: Error): ApiError | null {
  if (err instanceof ApiError) return err;
  if (!(err instanceof HTTPException)) return null;
  const status = (err.status in CODES ? err.status : err.status >= 500 ? 500 : 400) as ErrorStatus;
  return new ApiError(status, status === 500 ? "Internal error." : err.message || CODES[status]);
}

/** Hono's onError: known errors keep their status; anything else is a 500 that says nothing internal. */
export function renderError(err: Error, c: Context): Response {
  const known = asApiError(err);
  if (known) return c.json(errorBody(known), known.status as ContentfulStatusCode, known.options.headers);
  console.error("unhandled error", err.name, err.message);
  return c.json(errorBody(new ApiError(500, "Internal error.")), 500);
}
