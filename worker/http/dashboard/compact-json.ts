// JSON for people to edit: indented like JSON.stringify(v, null, 2), but arrays and objects that fit stay on one line.

/** One line with a space after every comma and colon: `{"a": 1, "b": [2, 3]}`. */
function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inline).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${inline(v)}`).join(", ")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** `width` bounds a one-line container, counted from the start of its line (indent and key included). */
export function compactJson(value: unknown, width = 100, indent = "", prefix = 0): string {
  const flat = inline(value);
  if (value === null || typeof value !== "object" || indent.length + prefix + flat.length <= width) return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => inner + compactJson(v, width, inner)).join(",\n")}\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return "{}";
  const lines = entries.map(([k, v]) => {
    const key = `${JSON.stringify(k)}: `;
    return inner + key + compactJson(v, width, inner, key.length);
  });
  return `{\n${lines.join(",\n")}\n${indent}}`;
}
