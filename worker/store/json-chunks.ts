// Rows travel to D1 as one JSON parameter read with json_each. D1 caps a bound value at 1 MB (bytes): a chunk holds
// at most 200,000 characters, which is under 600 KB even if every character needs 3 bytes in UTF-8.
const MAX_CHARS = 200_000;

export interface JsonChunk {
  json: string;
  count: number;
}

/** The rows as JSON arrays of at most maxChars characters each (a larger single row gets a chunk of its own), in order. */
export function jsonChunks(rows: unknown[], maxChars = MAX_CHARS): JsonChunk[] {
  const chunks: JsonChunk[] = [];
  let current: string[] = [];
  let size = 2;
  for (const row of rows) {
    const json = JSON.stringify(row);
    if (current.length && size + json.length + 1 > maxChars) {
      chunks.push({ json: `[${current.join(",")}]`, count: current.length });
      (current = []), (size = 2);
    }
    current.push(json);
    size += json.length + 1;
  }
  if (current.length) chunks.push({ json: `[${current.join(",")}]`, count: current.length });
  return chunks;
}
