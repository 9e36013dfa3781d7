// /api/v1/sites/{id}/routing: the site's owners, rules, fallback, assign_at and follow-up (CONTRACT §10) — read,
// replace (validated, versioned; 400 with issues); the owners' alert endpoints; a test alert to one owner.
import { Hono } from "hono";
import { TestAlert } from "../../../schema/routing";
import { ApiError } from "../../errors";
import { alertEndpointsOfSite, routingOfSite, saveRoutingConfig, sendTestAlert, type RoutingState } from "../../services/routing/config";
import { jsonBody, validated } from "../../validate";
import { ctxOf, type AppEnv } from "../context";
import { subscriptionView } from "./webhook-views";

export const routing = new Hono<AppEnv>();

/** The configuration as PUT takes it, with the site and version beside it (sending them back changes nothing). */
const routingView = (s: RoutingState) => ({ site: s.site, version: s.version, ...s.config });

routing.get("/:id/routing", async (c) => c.json(routingView(await routingOfSite(ctxOf(c), c.req.param("id")))));

routing.put("/:id/routing", async (c) => {
  const saved = await saveRoutingConfig(ctxOf(c), c.req.param("id"), await jsonBody(c.req.raw, 128 * 1024));
  if (!saved.ok) throw new ApiError(400, "The routing configuration is not valid.", { issues: saved.issues.slice(0, 20) });
  return c.json(routingView(saved.state));
});

/** Each owner's Slack and Teams endpoint; their delivery logs are at /api/v1/webhooks/{id}/deliveries. */
routing.get("/:id/routing/alerts", async (c) => {
  const endpoints = await alertEndpointsOfSite(ctxOf(c), c.req.param("id"));
  return c.json({ data: endpoints.map((e) => ({ ...subscriptionView(e), kind: e.kind, owner_id: e.config.owner_id })) });
});

routing.post("/:id/routing/test", async (c) => {
  const body = validated(TestAlert, await jsonBody(c.req.raw, 4 * 1024));
  const sent = await sendTestAlert(ctxOf(c), c.req.param("id"), body.owner);
  return c.json({ owner: sent.owner.id, endpoints: sent.endpoints.map((e) => ({ id: e.id, kind: e.kind })) }, 202);
});
