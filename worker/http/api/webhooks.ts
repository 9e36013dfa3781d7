// /api/v1/webhooks: CRM endpoints (create, list, change, rotate the secret, delete, send a test event), their delivery
// log and replay.
import { Hono } from "hono";
import { TEST_EVENT_TYPE } from "../../../schema/vocabulary";
import { CreateWebhook, DeliveryQuery, PatchWebhook, WebhookListQuery } from "../../../schema/webhooks";
import * as service from "../../services/webhooks/subscriptions";
import { jsonBody, validated } from "../../validate";
import { ctxOf, type AppEnv } from "../context";
import { deliveryView, subscriptionView } from "./webhook-views";

export const webhooks = new Hono<AppEnv>();

webhooks.post("/", async (c) => {
  const body = validated(CreateWebhook, await jsonBody(c.req.raw, 16 * 1024));
  const sub = await service.createSubscription(ctxOf(c), body);
  return c.json({ ...subscriptionView(sub), secret: sub.secret }, 201);
});

webhooks.get("/", async (c) => {
  const q = validated(WebhookListQuery, c.req.query(), "query");
  return c.json({ data: (await service.subscriptionsOf(ctxOf(c), q.site)).map(subscriptionView) });
});

webhooks.get("/:id", async (c) => c.json(subscriptionView(await service.subscriptionFor(ctxOf(c), c.req.param("id")))));

webhooks.patch("/:id", async (c) => {
  const body = validated(PatchWebhook, await jsonBody(c.req.raw, 16 * 1024));
  return c.json(subscriptionView(await service.updateSubscription(ctxOf(c), c.req.param("id"), body)));
});

webhooks.delete("/:id", async (c) => {
  await service.deleteSubscription(ctxOf(c), c.req.param("id"));
  return c.body(null, 204);
});

webhooks.post("/:id/rotate", async (c) => c.json(await service.rotateSubscriptionSecret(ctxOf(c), c.req.param("id"))));

webhooks.post("/:id/test", async (c) => {
  const d = await service.sendTestEvent(ctxOf(c), c.req.param("id"));
  return c.json({ id: d.id, webhook_id: d.outbox_id, type: TEST_EVENT_TYPE, status: d.status, attempts: d.attempts }, 202);
});

webhooks.get("/:id/deliveries", async (c) => {
  const page = await service.deliveriesOf(ctxOf(c), c.req.param("id"), validated(DeliveryQuery, c.req.query(), "query"));
  return c.json({ data: page.data.map(deliveryView), next_cursor: page.next_cursor });
});

webhooks.post("/:id/deliveries/:delivery_id/replay", async (c) => {
  const d = await service.replay(ctxOf(c), c.req.param("id"), c.req.param("delivery_id"));
  return c.json({ id: d.id, webhook_id: d.outbox_id, status: d.status, attempts: d.attempts }, 202);
});
