// How a person is named on the dashboard: their name, else their e-mail, else an anonymous visitor's short id.

export function textTrait(traits: Record<string, unknown>, ...keys: string[]): string | null {
  for (const k of keys) {
    const v = traits[k];
    if (typeof v === "string" && v.trim() !== "") return v.trim();
    if (typeof v === "number") return String(v);
  }
  return null;
}

export function personName(p: { id: string; email: string | null; traits: Record<string, unknown> }): string {
  return textTrait(p.traits, "name", "full_name") ?? p.email ?? `Anonymous visitor ${p.id.replace(/^p_/, "").slice(0, 8)}`;
}
