// Opaque keyset cursors: base64url JSON of the last row's position (shapes in schema/vocabulary.ts). A tampered or
// foreign cursor is a 400 naming the parameter, never a 500.
import type { CursorShapes } from "../../schema/vocabulary";
import { ApiError } from "../errors";

type Kind = keyof CursorShapes;
const num = (x: unknown) => typeof x === "number" && Number.isFinite(x);
const str = (x: unknown) => typeof x === "string" && x.length <= 128;
const FIELDS: { [K in Kind]: Record<keyof CursorShapes[K], (x: unknown) => boolean> } = {
  feed: { seq: num },
  score: { sign: num, rank: num, id: str },
  time: { at: num, id: str },
};

export function encodeCursor<K extends Kind>(_kind: K, position: CursorShapes[K]): string {
  return btoa(JSON.stringify(position)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export function decodeCursor<K extends Kind>(kind: K, cursor: string | undefined, param = "cursor"): CursorShapes[K] | undefined {
  if (cursor === undefined || cursor === "") return undefined;
  try {
    const parsed: unknown = JSON.parse(atob(cursor.replaceAll("-", "+").replaceAll("_", "/")));
    const fields = Object.entries(FIELDS[kind]) as [string, (x: unknown) => boolean][];
    if (typeof parsed === "object" && parsed !== null && fields.every(([k, ok]) => ok((parsed as Record<string, unknown>)[k]))) {
      return Object.fromEntries(fields.map(([k]) => [k, (parsed as Record<string, unknown>)[k]])) as CursorShapes[K];
    }
  } catch {
    // fall through to the 400
  }
  throw new ApiError(400, "The cursor is not valid; pass the cursor from the previous page unchanged.", { issues: [{ path: param, message: "not a cursor from this API" }] });
}
