// CRM endpoints as a site owner manages them: create, list, change, rotate the secret, delete, send a test event,
// read the delivery log and replay a delivery. The JSON API and the dashboard's settings page both call these.
import { dbOfSite, envOfSite, findInShards, siteShardEnv } from "../../shards";
import type * as v from "valibot";
import type { CreateWebhook, DeliveryQuery, PatchWebhook } from "../../../schema/webhooks";
import { checkedWebhookUrl } from "../../core/net/ssrf";
import { secretFromBytes } from "../../core/webhooks/signature";
import { isDevelopment } from "../../env";
import { ApiError, type Issue } from "../../errors";
import { deliveryById, deliveryLog, replayDelivery, type DeliveryRow, type LoggedDelivery } from "../../store/outbox";
import * as store from "../../store/webhooks";
import { requireAdmin } from "../auth";
import type { Ctx } from "../context";
import { decodeCursor, encodeCursor } from "../cursor";
import { siteFor } from "../sites";
import { enqueueDeliveries } from "./message";
import { newDeliveryId } from "./dispatch";
import { TEST_EVENT_TYPE } from "../../../schema/vocabulary";
import type { Snapshot } from "../../core/webhooks/payload";
import { sampleProfile, TEST_EVENT_DATA } from "../../core/webhooks/sample";
import { insertTestDelivery } from "../../store/webhook-test";

const MAX_PER_SITE = 20;
/** After a rotation the old secret keeps signing, next to the new one, for a day. */
export const ROTATION_OVERLAP_MS = 24 * 3_600_000;
const newSecret = () => secretFromBytes(crypto.getRandomValues(new Uint8Array(24)));

const checkedUrl = (ctx: Ctx, raw: string) => checkedWebhookUrl(raw, { allowLocal: isDevelopment(ctx.env) });

/** Why an endpoint URL may not be called (see core/net/ssrf.ts), as an issue on `url`; null when it may. */
export function urlIssue(ctx: Ctx, raw: string): Issue | null {
  const checked = checkedUrl(ctx, raw);
  return checked.ok ? null : { path: "url", message: checked.reason };
}

/** The URL as it will be called, or a 400 naming why it may not be. */
function allowedUrl(ctx: Ctx, raw: string): string {
  const checked = checkedUrl(ctx, raw);
  if (checked.ok) return checked.url;
  throw new ApiError(400, "The webhook URL is not allowed.", { code: "url_not_allowed", issues: [{ path: "url", message: checked.reason }] });
}

/** An endpoint the caller may change: alert endpoints (Slack, Teams) follow the site's routing and change only there;
 *  a Meta destination changes with PUT …/destinations/meta. */
async function webhookFor(ctx: Ctx, id: string): Promise<store.Subscription> {
  const sub = await subscriptionFor(ctx, id);
  if (sub.kind === "meta") throw new ApiError(409, `${id} is the site's Meta destination; change it with PUT /api/v1/sites/${sub.site}/destinations/meta.`, { code: "managed_by_destinations" });
  if (sub.kind !== "webhook") throw new ApiError(409, `${id} is an owner's ${sub.kind} alert; change it with PUT /api/v1/sites/${sub.site}/routing.`, { code: "managed_by_routing" });
  return sub;
}

/** The bindings of the shard holding an endpoint's site. */
async function envOfSub(ctx: Ctx, sub: store.Subscription): Promise<Ctx["env"]> {
  const env = await siteShardEnv(ctx.env, sub.site, ctx.now);
  if (!env) throw new ApiError(404, `No webhook ${sub.id}.`);
  return env;
}

/** The endpoint a caller may see (admin, or the read key of its site), or 404. */
export async function subscriptionFor(ctx: Ctx, id: string): Promise<store.Subscription> {
  const sub = (await findInShards(ctx.env, (db) => store.subscriptionById(db, id)))?.found;
  const p = ctx.principal;
  if (!sub || (!p.admin && p.site !== sub.site)) throw new ApiError(404, `No webhook ${id}.`);
  return sub;
}

export async function createSubscription(ctx: Ctx, body: v.InferOutput<typeof CreateWebhook>): Promise<store.Subscription> {
  requireAdmin(ctx.principal);
  const url = allowedUrl(ctx, body.url);
  const site = await siteFor(ctx, body.site);
  if ((await store.subscriptionsOfSite(dbOfSite(ctx.env, site), site.id)).length >= MAX_PER_SITE) {
    throw new ApiError(409, `A site has at most ${MAX_PER_SITE} webhook endpoints.`, { code: "too_many_webhooks" });
  }
  const sub: store.Subscription = {
    id: `wh_${crypto.randomUUID().replaceAll("-", "")}`, site: site.id, url, events: body.events, filters: body.filters ?? {}, secret: newSecret(),
    previous_secret: null, previous_expires_at: null, status: "active", disabled_reason: null, created_at: ctx.now, updated_at: ctx.now,
    kind: "webhook", config: {},
  };
  await store.insertSubscription(dbOfSite(ctx.env, site), sub);
  return sub;
}

export async function subscriptionsOf(ctx: Ctx, siteId: string): Promise<store.Subscription[]> {
  const site = await siteFor(ctx, siteId);
  return store.subscriptionsOfSite(dbOfSite(ctx.env, site), site.id);
}

export async function updateSubscription(ctx: Ctx, id: string, body: v.InferOutput<typeof PatchWebhook>): Promise<store.Subscription> {
  requireAdmin(ctx.principal);
  const sub = await webhookFor(ctx, id);
  const { status, ...change } = body;
  const db = (await envOfSub(ctx, sub)).DB;
  await store.updateSubscription(db, sub.id, { ...change, url: change.url && allowedUrl(ctx, change.url), status: status === "active" ? "active" : undefined }, ctx.now);
  if (status === "disabled") await store.disableSubscription(db, sub.id, "disabled through the API", ctx.now);
  return (await store.subscriptionById(db, sub.id))!;
}

export async function deleteSubscription(ctx: Ctx, id: string): Promise<void> {
  requireAdmin(ctx.principal);
  const sub = await webhookFor(ctx, id);
  await store.deleteSubscription((await envOfSub(ctx, sub)).DB, sub.id);
}

/** A new secret signs from now on; the old one keeps signing alongside it for a day. */
export async function rotateSubscriptionSecret(ctx: Ctx, id: string): Promise<{ id: string; secret: string; previous_secret_expires_at: string }> {
  requireAdmin(ctx.principal);
  const sub = await webhookFor(ctx, id);
  const secret = newSecret();
  await store.rotateSecret((await envOfSub(ctx, sub)).DB, sub.id, secret, ctx.now + ROTATION_OVERLAP_MS, ctx.now);
  return { id: sub.id, secret, previous_secret_expires_at: new Date(ctx.now + ROTATION_OVERLAP_MS).toISOString() };
}

/** An endpoint's delivery log, newest first. */
export async function deliveriesOf(ctx: Ctx, id: string, q: v.InferOutput<typeof DeliveryQuery>): Promise<{ sub: store.Subscription; data: LoggedDelivery[]; next_cursor: string | null }> {
  const sub = await subscriptionFor(ctx, id);
  const limit = q.limit ?? 100;
  const rows = await deliveryLog((await envOfSub(ctx, sub)).DB, { subscription: sub.id, status: q.status, before: decodeCursor("time", q.cursor), limit });
  const last = rows[rows.length - 1];
  return { sub, data: rows, next_cursor: rows.length === limit && last ? encodeCursor("time", { at: last.created_at, id: last.id }) : null };
}

/**
 * "Send a test event": a webhook.test delivery to this endpoint, whatever it subscribes to and whatever its filters,
 * carrying a sample profile built by the site's own scoring. It is signed, attempted, retried, logged and replayable
 * exactly like a real event, so a passing test means real events will pass too.
 */
export async function sendTestEvent(ctx: Ctx, id: string): Promise<DeliveryRow> {
  requireAdmin(ctx.principal);
  return queueTestDelivery(ctx, activeOrConflict(await subscriptionFor(ctx, id)));
}

/** The test event's rows for one endpoint of any kind (a webhook, or an owner's Slack or Teams), queued at once. */
export async function queueTestDelivery(ctx: Ctx, sub: store.Subscription): Promise<DeliveryRow> {
  const site = await siteFor(ctx, sub.site);
  const webhookId = `msg_${crypto.randomUUID().replaceAll("-", "")}`;
  const profile = sampleProfile({ site: site.id, id: `p_test_${webhookId.slice(4, 20)}`, config: site.scoring, now: ctx.now });
  const env = envOfSite(ctx.env, site);
  const d = await insertTestDelivery(env.DB, {
    outbox: { id: webhookId, site: site.id, type: TEST_EVENT_TYPE, profile_id: profile.id, at: ctx.now, data: JSON.stringify(TEST_EVENT_DATA), snapshot: JSON.stringify({ record: profile } satisfies Snapshot) },
    delivery: { id: newDeliveryId(), subscription_id: sub.id },
  }, ctx.now);
  await enqueueDeliveries(env.WEBHOOKS, [d]);
  return d;
}

/** A disabled endpoint is sent nothing until it is enabled again. */
function activeOrConflict(sub: store.Subscription): store.Subscription {
  if (sub.status === "active") return sub;
  const fix = { webhook: "PATCH it with {\"status\":\"active\"} first", meta: "save the site's Meta destination again to re-enable it" }[sub.kind as string] ?? "save the site's routing with this owner's URL to re-enable it";
  throw new ApiError(409, `The endpoint is disabled; ${fix}.`, { code: "webhook_disabled" });
}

/** Replay a delivery now, with a fresh schedule and the same webhook-id. */
export async function replay(ctx: Ctx, subscriptionId: string, deliveryId: string): Promise<DeliveryRow> {
  requireAdmin(ctx.principal);
  const sub = await subscriptionFor(ctx, subscriptionId);
  const env = await envOfSub(ctx, sub);
  const found = await deliveryById(env.DB, deliveryId);
  if (!found || found.subscription_id !== sub.id) throw new ApiError(404, `No delivery ${deliveryId} for webhook ${sub.id}.`);
  activeOrConflict(sub);
  const d = await replayDelivery(env.DB, found.id, ctx.now);
  if (!d) throw new ApiError(409, "An attempt of this delivery is in flight; replay it once it has finished.", { code: "attempt_in_flight" });
  await enqueueDeliveries(env.WEBHOOKS, [d]);
  return d;
}
