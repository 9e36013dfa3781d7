// The webhook-id of a transition: derived from the transition itself, so writing it twice yields one outbox row.
import { createHash } from "node:crypto";

export interface TransitionKey {
  site: string;
  profile_id: string;
  type: string;
  at: number;
  /** the transition's own fields: two stage changes of one profile at the same instant differ here */
  data: Record<string, unknown>;
}

/** "msg_" + 128 bits of SHA-256 over the transition; the same on every retry and replay of its deliveries. */
export function webhookIdOf(t: TransitionKey): string {
  const digest = createHash("sha256").update(JSON.stringify([t.site, t.profile_id, t.type, t.at, t.data])).digest("hex");
  return `msg_${digest.slice(0, 32)}`;
}
