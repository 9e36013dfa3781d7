// /api/v1/sites/{id}/destinations/meta: the site's Meta Conversions API destination (CONTRACT §12) — read (without the
// token), replace (validated; 400 with issues), delete. Its delivery log and replay are the webhook ones
// (/api/v1/webhooks/meta_{site}/deliveries).
import { Hono } from "hono";
import { ApiError } from "../../errors";
import { deleteMetaDestination, requiredMetaDestination, saveMetaDestination, type MetaDestination } from "../../services/destinations/meta";
import { jsonBody } from "../../validate";
import { ctxOf, type AppEnv } from "../context";

export const destinations = new Hono<AppEnv>();

const iso = (ms: number) => new Date(ms).toISOString();

/** The destination as the API shows it: everything PUT takes but the token, which is never sent back. */
export const metaView = (d: MetaDestination) => ({
  id: d.id, site: d.site, pixel_id: d.config.pixel_id, stages: d.config.stages, test_event_code: d.config.test_event_code,
  api_version: d.config.api_version, access_token_set: true, access_token_hint: `…${d.token_hint}`, status: d.status,
  disabled_reason: d.disabled_reason, created_at: iso(d.created_at), updated_at: iso(d.updated_at),
});

destinations.get("/:id/destinations/meta", async (c) => c.json(metaView(await requiredMetaDestination(ctxOf(c), c.req.param("id")))));

destinations.put("/:id/destinations/meta", async (c) => {
  const saved = await saveMetaDestination(ctxOf(c), c.req.param("id"), await jsonBody(c.req.raw, 16 * 1024));
  if (!saved.ok) throw new ApiError(400, "The Meta destination is not valid.", { issues: saved.issues });
  return c.json(metaView(saved.destination));
});

destinations.delete("/:id/destinations/meta", async (c) => {
  await deleteMetaDestination(ctxOf(c), c.req.param("id"));
  return c.body(null, 204);
});
