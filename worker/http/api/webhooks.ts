// /api/v1/webhooks: CRM endpoints (create, list, change, rotate the secret, delete), their delivery log and replay.
import { Hono, type Context } from "hono";
import { replay } from "../../services/actions";
import { requireAdmin, requireSite } from "../../services/auth";
import { checkedWebhookUrl } from "../../core/net/ssrf";
import { secretFromBytes } from "../../core/webhooks/signature";
import { decodeCursor, encodeCursor } from "../../services/cursor";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { deliveryLog } from "../../store/outbox";
import { getSite } from "../../store/sites";
import * as store from "../../store/webhooks";
import { jsonBody, validated } from "../../validate";
import { CreateWebhook, DeliveryQuery, PatchWebhook, WebhookListQuery } from "../../../schema/webhooks";
import { deliveryView, subscriptionView } from "./webhook-views";

export const webhooks = new Hono<AppEnv>();

const MAX_PER_SITE = 20;
/** After a rotation the old secret keeps signing, next to the new one, for a day. */
const ROTATION_OVERLAP_MS = 24 * 3_600_000;
const newSecret = () => secretFromBytes(crypto.getRandomValues(new Uint8Array(24)));
const isPos = (x: unknown): x is { at: number; id: string } => typeof (x as { at?: unknown })?.at === "number" && typeof (x as { id?: unknown })?.id === "string";

/** The URL as it will be called, or a 400 naming why it may not be (see core/ssrf.ts). */
function allowedUrl(c: Context<AppEnv>, raw: string): string {
  const checked = checkedWebhookUrl(raw, { allowLocal: c.env.ENVIRONMENT === "development" });
  if (checked.ok) return checked.url;
  throw new ApiError(400, "The webhook URL is not allowed.", { code: "url_not_allowed", issues: [{ path: "url", message: checked.reason }] });
}

/** The endpoint a caller may see (admin, or the read key of its site), or 404. */
async function readable(c: Context<AppEnv>): Promise<store.Subscription> {
  const sub = await store.subscriptionById(c.env.DB, c.req.param("id")!);
  const p = c.get("principal");
  if (!sub || (!p.admin && p.site !== sub.site)) throw new ApiError(404, `No webhook ${c.req.param("id")}.`);
  return sub;
}

webhooks.post("/", async (c) => {
  requireAdmin(c.get("principal"));
  const body = validated(CreateWebhook, await jsonBody(c.req.raw, 16 * 1024));
  const url = allowedUrl(c, body.url);
  if (!(await getSite(c.env.DB, body.site))) throw new ApiError(404, `Unknown site ${body.site}.`, { code: "unknown_site" });
  if ((await store.subscriptionsOfSite(c.env.DB, body.site)).length >= MAX_PER_SITE) throw new ApiError(409, `A site has at most ${MAX_PER_SITE} webhook endpoints.`, { code: "too_many_webhooks" });
  const now = Date.now();
  const sub: store.Subscription = {
    id: `wh_${crypto.randomUUID().replaceAll("-", "")}`, site: body.site, url, events: body.events, filters: body.filters ?? {}, secret: newSecret(),
    previous_secret: null, previous_expires_at: null, status: "active", disabled_reason: null, created_at: now, updated_at: now,
  };
  await store.insertSubscription(c.env.DB, sub);
  return c.json({ ...subscriptionView(sub), secret: sub.secret }, 201);
});

webhooks.get("/", async (c) => {
  const q = validated(WebhookListQuery, c.req.query(), "query");
  requireSite(c.get("principal"), q.site);
  return c.json({ data: (await store.subscriptionsOfSite(c.env.DB, q.site)).map(subscriptionView) });
});

webhooks.get("/:id", async (c) => c.json(subscriptionView(await readable(c))));

webhooks.patch("/:id", async (c) => {
  requireAdmin(c.get("principal"));
  const body = validated(PatchWebhook, await jsonBody(c.req.raw, 16 * 1024));
  const sub = await readable(c);
  const now = Date.now();
  const { status, ...change } = body;
  await store.updateSubscription(c.env.DB, sub.id, { ...change, url: change.url && allowedUrl(c, change.url), status: status === "active" ? "active" : undefined }, now);
  if (status === "disabled") await store.disableSubscription(c.env.DB, sub.id, "disabled through the API", now);
  return c.json(subscriptionView((await store.subscriptionById(c.env.DB, sub.id))!));
});

webhooks.delete("/:id", async (c) => {
  requireAdmin(c.get("principal"));
  await store.deleteSubscription(c.env.DB, (await readable(c)).id);
  return c.body(null, 204);
});

webhooks.post("/:id/rotate", async (c) => {
  requireAdmin(c.get("principal"));
  const sub = await readable(c);
  const now = Date.now();
  const secret = newSecret();
  await store.rotateSecret(c.env.DB, sub.id, secret, now + ROTATION_OVERLAP_MS, now);
  return c.json({ id: sub.id, secret, previous_secret_expires_at: new Date(now + ROTATION_OVERLAP_MS).toISOString() });
});

webhooks.get("/:id/deliveries", async (c) => {
  const q = validated(DeliveryQuery, c.req.query(), "query");
  const sub = await readable(c);
  const limit = q.limit ?? 100;
  const rows = await deliveryLog(c.env.DB, { subscription: sub.id, status: q.status, before: decodeCursor(q.cursor, isPos), limit });
  const last = rows[rows.length - 1];
  return c.json({ data: rows.map(deliveryView), next_cursor: rows.length === limit && last ? encodeCursor({ at: last.created_at, id: last.id }) : null });
});

webhooks.post("/:id/deliveries/:delivery_id/replay", async (c) => {
  requireAdmin(c.get("principal"));
  const sub = await readable(c);
  const d = await replay(c.env, sub, c.req.param("delivery_id"), Date.now());
  return c.json({ id: d.id, webhook_id: d.outbox_id, status: d.status, attempts: d.attempts }, 202);
});
