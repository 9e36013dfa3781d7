// Dashboard forms are read with the API's own schemas, leniently: a value the schema refuses is dropped (the page
// shows the rest) instead of failing the page, so a half-typed filter never costs the viewer their list.
import * as v from "valibot";

export function lenient<S extends v.GenericSchema>(schema: S, input: Record<string, string>): v.InferOutput<S> | null {
  const present = Object.fromEntries(Object.entries(input).filter(([, value]) => value.trim() !== ""));
  let result = v.safeParse(schema, present);
  for (let tries = 0; !result.success && tries < 10; tries++) {
    const bad = new Set(result.issues.map((i) => String(i.path?.[0]?.key ?? "")));
    for (const key of bad) delete present[key];
    result = v.safeParse(schema, present);
  }
  return result.success ? result.output : null;
}
