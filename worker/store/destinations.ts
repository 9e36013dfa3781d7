// A site's ad-platform destinations that are delivery endpoints: one Meta Conversions API endpoint per site (id
// meta_{site}), a row of webhook_subscriptions of kind "meta" whose secret is the access token and whose config holds
// the pixel, the stage names and the test code.
import type { Subscription } from "./webhooks";
import { deleteSubscription, subscriptionById } from "./webhooks";

export const metaEndpointId = (site: string): string => `meta_${site}`;

/** The transitions a Meta endpoint reads (for the record: its chooser decides, not this list). */
const META_EVENTS = JSON.stringify(["profile.identified", "profile.stage_changed"]);

export async function metaEndpointOf(db: D1Database, site: string): Promise<Subscription | null> {
  return subscriptionById(db, metaEndpointId(site));
}

/** Creates or replaces the site's Meta endpoint; saving re-enables one that was disabled. */
export async function saveMetaEndpoint(db: D1Database, e: { site: string; url: string; token: string; config: Record<string, unknown> }, now: number): Promise<void> {
  await db
    .prepare(
      `INSERT INTO webhook_subscriptions (id, site, url, events, filters, secret, status, created_at, updated_at, kind, config)
       VALUES (?1, ?2, ?3, ?4, '{}', ?5, 'active', ?6, ?6, 'meta', ?7)
       ON CONFLICT (id) DO UPDATE SET url = excluded.url, secret = excluded.secret, config = excluded.config, status = 'active',
         disabled_reason = NULL, updated_at = excluded.updated_at`,
    )
    .bind(metaEndpointId(e.site), e.site, e.url, META_EVENTS, e.token, now, JSON.stringify(e.config))
    .run();
}

/** Deletes the endpoint and its delivery log. */
export async function deleteMetaEndpoint(db: D1Database, site: string): Promise<boolean> {
  return deleteSubscription(db, metaEndpointId(site));
}
