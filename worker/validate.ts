// Validation at the edge of every route: valibot schemas in, CONTRACT §4 issues out.
import * as v from "valibot";
import { jsonTextDepth, MAX_JSON_DEPTH } from "../schema/depth";
import { ApiError, type Issue } from "./errors";

export function issuesOf(issues: readonly v.BaseIssue<unknown>[]): Issue[] {
  return issues.slice(0, 20).map((i) => ({ path: v.getDotPath(i) ?? "", message: i.message }));
}

/** The parsed value, or a 400 that names every problem. */
export function validated<S extends v.GenericSchema>(schema: S, input: unknown, what = "request"): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  throw new ApiError(400, `The ${what} is not valid.`, { issues: issuesOf(result.issues) });
}

/** Reads a body up to `max` bytes without trusting Content-Length; larger bodies are a 413. */
export async function limitedText(req: Request, max: number): Promise<string> {
  const length = req.headers.get("content-length");
  const declared = Number(length ?? "0");
  if (declared > max) throw tooLarge(max);
  if (!req.body) return "";
  // A declared length within the limit (beacons and fetch always declare one) is read in one go; the runtime
  // enforces that the body matches it. Without one, the body is streamed and counted.
  if (length !== null && Number.isInteger(declared)) {
    const bytes = await req.arrayBuffer();
    if (bytes.byteLength > max) throw tooLarge(max);
    return new TextDecoder().decode(bytes);
  }
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) all.set(c, (at += c.byteLength) - c.byteLength);
  return new TextDecoder().decode(all);
}

function tooLarge(max: number): ApiError {
  return new ApiError(413, `The body is larger than ${max} bytes.`);
}

export function parsedJson(text: string): unknown {
  if (text.trim() === "") throw new ApiError(400, "The body is empty; send a JSON document.", { code: "malformed_json" });
  if (jsonTextDepth(text) > MAX_JSON_DEPTH) {
    throw new ApiError(400, `The body nests more than ${MAX_JSON_DEPTH} levels deep.`, { code: "too_deep", issues: [{ path: "", message: `nested more than ${MAX_JSON_DEPTH} levels deep` }] });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "The body is not valid JSON.", { code: "malformed_json" });
  }
}

export async function jsonBody(req: Request, max = 256 * 1024): Promise<unknown> {
  return parsedJson(await limitedText(req, max));
}
