// Segment-compatible ingestion (CONTRACT §3): server SDKs and pipelines POST here with the site's write key.
import { Hono } from "hono";
import type { AppEnv } from "./context";
import { segmentIngest, type SegmentEndpoint } from "../services/ingest/segment";

export const segmentRoutes = new Hono<AppEnv>();

/** Path → what the body holds; /v1/import is Segment's historical-import alias of /v1/batch. */
const ENDPOINTS: Record<string, SegmentEndpoint> = {
  track: "track",
  identify: "identify",
  page: "page",
  screen: "screen",
  group: "group",
  alias: "alias",
  batch: "batch",
  import: "batch",
};

for (const [path, endpoint] of Object.entries(ENDPOINTS)) {
  segmentRoutes.post(`/v1/${path}`, async (c) => c.json(await segmentIngest(c.req.raw, c.env, c.executionCtx, { endpoint, now: Date.now() }), 200));
}
