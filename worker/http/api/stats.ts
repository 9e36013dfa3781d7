// GET /api/v1/stats: accepted at ingest, stored after the queue, dropped by reason.
import { Hono } from "hono";
import { StatsQuery } from "../../../schema/api";
import { statsOf } from "../../services/stats";
import { validated } from "../../validate";
import { ctxOf, type AppEnv } from "../context";

export const stats = new Hono<AppEnv>();

stats.get("/", async (c) => c.json(await statsOf(ctxOf(c), validated(StatsQuery, c.req.query(), "query"))));
