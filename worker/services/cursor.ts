// Opaque keyset cursors: base64url JSON of the last row's position. A tampered cursor is a 400, never a 500.
import { ApiError } from "../errors";

export function encodeCursor(position: unknown): string {
  return btoa(JSON.stringify(position)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export function decodeCursor<T>(cursor: string | undefined, isValid: (x: unknown) => x is T): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(atob(cursor.replaceAll("-", "+").replaceAll("_", "/")));
    if (isValid(parsed)) return parsed;
  } catch {
    // fall through to the 400
  }
  throw new ApiError(400, "The cursor is not valid; pass next_cursor from the previous page unchanged.", { issues: [{ path: "cursor", message: "not a cursor from this API" }] });
}
