// A site's routing as people manage it (CONTRACT §10): read it, replace it (validated, versioned, the owners' alert
// endpoints kept in step), list those endpoints, send a test alert through the delivery pipeline, and find the owner a
// PATCH names. The JSON API and the dashboard's routing page both call these.
import { dbOfSite } from "../../shards";
import type { RoutingConfig, RoutingOwner } from "../../../schema/routing";
import type { ConfigIssue } from "../../../schema/scoring";
import { ALERT_KINDS } from "../../../schema/vocabulary";
import { alertEndpointsOf } from "../../core/alerts/endpoints";
import { EMPTY_ROUTING, parseRouting } from "../../core/routing/config";
import { isDevelopment } from "../../env";
import { ApiError } from "../../errors";
import * as store from "../../store/routing";
import { subscriptionsOfSite, type Subscription } from "../../store/webhooks";
import { requireAdmin } from "../auth";
import type { Ctx } from "../context";
import { siteFor } from "../sites";
import { queueTestDelivery } from "../webhooks/subscriptions";

export interface RoutingState {
  site: string;
  /** 0 until the first PUT */
  version: number;
  config: RoutingConfig;
}

export async function routingOfSite(ctx: Ctx, siteId: string): Promise<RoutingState> {
  const site = await siteFor(ctx, siteId);
  const stored = await store.routingOf(dbOfSite(ctx.env, site), site.id);
  return { site: site.id, version: stored?.version ?? 0, config: stored?.config ?? EMPTY_ROUTING };
}

/** Invalid input changes nothing and returns every problem by its path (alert URLs checked like webhook URLs). */
export async function saveRoutingConfig(ctx: Ctx, siteId: string, input: unknown): Promise<{ ok: true; state: RoutingState } | { ok: false; issues: ConfigIssue[] }> {
  requireAdmin(ctx.principal);
  const site = await siteFor(ctx, siteId);
  const parsed = parseRouting(input, { allowLocal: isDevelopment(ctx.env) });
  if (!parsed.ok) return parsed;
  const version = await store.saveRouting(dbOfSite(ctx.env, site), site.id, parsed.config, alertEndpointsOf(site.id, parsed.config), ctx.now);
  return { ok: true, state: { site: site.id, version, config: parsed.config } };
}

/** The site's alert endpoints (one per owner and Slack or Teams URL, disabled ones included), oldest first. */
export async function alertEndpointsOfSite(ctx: Ctx, siteId: string): Promise<Subscription[]> {
  const site = await siteFor(ctx, siteId);
  return subscriptionsOfSite(dbOfSite(ctx.env, site), site.id, ALERT_KINDS);
}

/** The owner an id names in a site's routing, or a 400 whose issue names `path`. */
export function ownerNamed(config: RoutingConfig | null | undefined, id: string, path: string): RoutingOwner {
  const owner = config?.owners.find((o) => o.id === id);
  if (owner) return owner;
  const known = config?.owners.map((o) => o.id).join(", ");
  throw new ApiError(400, `No owner ${id} in the site's routing.`, {
    code: "unknown_owner",
    issues: [{ path, message: known ? `not an owner of this site's routing (owners: ${known})` : "the site's routing has no owners; PUT …/routing first" }],
  });
}

/**
 * A clearly marked test message to one owner's Slack and Teams: the test event each endpoint's own "Send a test"
 * sends, attempted, retried, logged and replayable like real alerts. Returns the endpoints it goes to.
 */
export async function sendTestAlert(ctx: Ctx, siteId: string, ownerId: string): Promise<{ owner: RoutingOwner; endpoints: Subscription[] }> {
  requireAdmin(ctx.principal);
  const { site, config } = await routingOfSite(ctx, siteId);
  const owner = ownerNamed(config, ownerId, "owner");
  const endpoints = (await alertEndpointsOfSite(ctx, site)).filter((e) => e.config.owner_id === owner.id && e.status === "active");
  if (endpoints.length === 0) {
    throw new ApiError(400, `${owner.name} has no Slack or Teams URL to test.`, { code: "no_alert_url", issues: [{ path: "owner", message: "this owner has no active slack_url or teams_url" }] });
  }
  for (const e of endpoints) await queueTestDelivery(ctx, e);
  return { owner, endpoints };
}
