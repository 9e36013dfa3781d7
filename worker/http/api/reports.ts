// /api/v1/reports: reports that put money next to attribution. /channels: CONTRACT §11.
import { Hono } from "hono";
import { ChannelReportQuery } from "../../../schema/api";
import { channelReportOf } from "../../services/channels";
import { validated } from "../../validate";
import { ctxOf, type AppEnv } from "../context";

export const reports = new Hono<AppEnv>();

reports.get("/channels", async (c) => c.json(await channelReportOf(ctxOf(c), validated(ChannelReportQuery, c.req.query(), "query"))));
