// Health, the snippet (cacheable with an ETag) and the demo site.
import { Hono } from "hono";
import { SNIPPET, SNIPPET_ETAG } from "../generated/snippet";
import { demoPage } from "./demo/pages";
import type { AppEnv } from "./context";
import { ApiError } from "../errors";
import { healthy } from "../services/health";

export const staticRoutes = new Hono<AppEnv>();

staticRoutes.get("/healthz", async (c) => {
  if (!(await healthy(c.env))) throw new ApiError(503, "Storage is not reachable yet.");
  return c.json({ ok: true });
});

staticRoutes.get("/p.js", (c) => {
  const headers = {
    "Content-Type": "application/javascript; charset=utf-8",
    "Cache-Control": "public, max-age=3600, stale-while-revalidate=86400",
    ETag: SNIPPET_ETAG,
    "Access-Control-Allow-Origin": "*",
    "Cross-Origin-Resource-Policy": "cross-origin",
  };
  const match = c.req.header("if-none-match");
  if (match && match.split(",").some((t) => t.trim().replace(/^W\//, "") === SNIPPET_ETAG)) return c.body(null, 304, headers);
  return c.body(SNIPPET, 200, headers);
});

// The demo pages behave like a customer's site: the browser's default Referrer-Policy, so its beacons carry their
// Origin (the API's no-referrer would make them "Origin: null", which sites refuse unless they opt in).
staticRoutes.use("/demo/*", async (c, next) => {
  await next();
  c.header("Referrer-Policy", "strict-origin-when-cross-origin");
});
staticRoutes.use("/demo", async (c, next) => {
  await next();
  c.header("Referrer-Policy", "strict-origin-when-cross-origin");
});

staticRoutes.get("/demo/files/:name", (c) =>
  c.body("%PDF-1.4\n% Northwind buyer's guide (demo file)\n", 200, { "Content-Type": "application/pdf" }),
);

staticRoutes.get("/demo/*", (c) => {
  const html = demoPage(c.req.path);
  if (html === null) throw new ApiError(404, `No demo page at ${c.req.path}.`);
  return c.html(html);
});
staticRoutes.get("/demo", (c) => c.html(demoPage("/demo")!));
// The demo form posts here, so what a visitor typed never lands in a URL (and so in page-view data).
staticRoutes.post("/demo/thanks", (c) => c.html(demoPage("/demo/thanks")!));
