// POST /collect: the snippet's beacon. text/plain JSON, so browsers send it without a CORS preflight.
import { Hono } from "hono";
import type { AppEnv } from "./context";
import { collect } from "../services/ingest/collect";

export const collectRoutes = new Hono<AppEnv>();

collectRoutes.post("/collect", async (c) => {
  const origin = c.req.header("origin");
  if (origin) c.header("Access-Control-Allow-Origin", origin), c.header("Vary", "Origin");
  const result = await collect(c.req.raw, c.env, c.executionCtx, Date.now());
  return c.json(result, 202);
});

collectRoutes.options("/collect", (c) => {
  const origin = c.req.header("origin") ?? "*";
  return c.body(null, 204, {
    "Access-Control-Allow-Origin": origin,
    "Access-Control-Allow-Methods": "POST",
    "Access-Control-Allow-Headers": "Content-Type",
    "Access-Control-Max-Age": "86400",
    Vary: "Origin",
  });
});
