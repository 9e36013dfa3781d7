// A test event's rows: an outbox row already dispatched (it goes to one endpoint only, never through the fan-out) and
// its one delivery, written together, so from here on it is attempted, retried, logged and replayed like any other.
import type { DeliveryRow } from "./outbox";

export interface TestEventRows {
  outbox: { id: string; site: string; type: string; profile_id: string; at: number; data: string; snapshot: string };
  delivery: { id: string; subscription_id: string };
}

export async function insertTestDelivery(db: D1Database, rows: TestEventRows, now: number): Promise<DeliveryRow> {
  const o = rows.outbox;
  const [, delivery] = await db.batch<DeliveryRow>([
    db.prepare(
      `INSERT INTO webhook_outbox (id, site, type, profile_id, at, data, snapshot, created_at, dispatched_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)`,
    ).bind(o.id, o.site, o.type, o.profile_id, o.at, o.data, o.snapshot, now),
    db.prepare(
      `INSERT INTO webhook_deliveries (id, outbox_id, subscription_id, next_attempt_at, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?4, ?4) RETURNING *`,
    ).bind(rows.delivery.id, o.id, rows.delivery.subscription_id, now),
  ]);
  return delivery!.results[0]!;
}
