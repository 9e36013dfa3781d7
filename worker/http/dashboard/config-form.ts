// A configuration typed into a JSON editor (scoring, routing): read from the form's `config` field, parsed as JSON and
// handed to the service that validates and saves it. When anything is wrong, the text comes back as typed with every
// problem by its path, and nothing was saved.
import type { Context } from "hono";
import type { ConfigIssue } from "../../../schema/scoring";
import type { AppEnv } from "../context";

export type EditorResult<T> = { ok: true; state: T } | { ok: false; text: string; issues: ConfigIssue[] };

export async function savedFromEditor<T>(c: Context<AppEnv>, save: (input: unknown) => Promise<{ ok: true; state: T } | { ok: false; issues: ConfigIssue[] }>): Promise<EditorResult<T>> {
  const body = await c.req.parseBody();
  const text = typeof body.config === "string" ? body.config : "";
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (err) {
    return { ok: false, text, issues: [{ path: "", message: `not valid JSON: ${(err as Error).message}` }] };
  }
  const saved = await save(input);
  return saved.ok ? saved : { ok: false, text, issues: saved.issues };
}
