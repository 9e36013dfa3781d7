// The one error type and its one renderer: every failure leaves as CONTRACT §4's JSON shape, never a stack.
import type { Context } from "hono";
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

export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    message: string,
    readonly options: { code?: string; issues?: Issue[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
  }

  get code(): string {
    return this.options.code ?? CODES[this.status];
  }
}

export function errorBody(err: ApiError) {
  const { issues } = err.options;
  return { error: { code: err.code, message: err.message, ...(issues?.length ? { issues } : {}) } };
}

/** Hono's onError: known errors keep their status; anything else is a 500 that says nothing internal. */
export function renderError(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    return c.json(errorBody(err), err.status as ContentfulStatusCode, err.options.headers);
  }
  console.error("unhandled error", err.name, err.message);
  return c.json(errorBody(new ApiError(500, "Internal error.")), 500);
}
