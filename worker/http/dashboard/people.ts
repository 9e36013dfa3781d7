// How a person is named on the dashboard: their name, else their e-mail, else an anonymous visitor's short id.
import { nameOf } from "../../core/profiles/profile";

export function personName(p: { id: string; email: string | null; traits: Record<string, unknown> }): string {
  return nameOf(p.traits) ?? p.email ?? `Anonymous visitor ${p.id.replace(/^p_/, "").slice(0, 8)}`;
}
