// Nesting limits for free-form JSON (properties, traits, context): deep enough for any real payload, shallow enough
// that no recursive reader downstream (serialisers, the consumer) can be driven into a stack overflow.
import * as v from "valibot";

export const MAX_JSON_DEPTH = 64;
export const MAX_VALUE_DEPTH = 8;

/** The path to the first value nested deeper than `max` levels below `value`, or null. Iterative, so any input is safe. */
export function tooDeepAt(value: unknown, max: number): (string | number)[] | null {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length) {
    const { value: current, path } = stack.pop()!;
    if (typeof current !== "object" || current === null) continue;
    if (path.length >= max) return path;
    for (const [k, child] of Object.entries(current)) stack.push({ value: child, path: [...path, Array.isArray(current) ? Number(k) : k] });
  }
  return null;
}

/** A valibot check: the value nests at most `max` levels, else an issue at the offending path. */
export function maxDepth<T>(max: number) {
  return v.rawCheck<T>(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const at = tooDeepAt(dataset.value, max);
    if (!at) return;
    let input: unknown = dataset.value;
    const path = at.map((key) => {
      const item = { type: "unknown" as const, origin: "value" as const, input, key, value: (input as Record<string | number, unknown>)[key] };
      input = item.value;
      return item;
    }) as unknown as [v.IssuePathItem, ...v.IssuePathItem[]];
    addIssue({ message: `nested more than ${max} levels deep`, path });
  });
}

/** How deeply a JSON text nests, read without parsing it (so a hostile text cannot exhaust a recursive parser). */
export function jsonTextDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) deepest = Math.max(deepest, ++depth);
    else if (c === 125 || c === 93) depth--;
  }
  return deepest;
}
