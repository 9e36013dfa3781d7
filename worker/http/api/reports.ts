// /api/v1/reports: what became of the leads. /channels puts money next to attribution (CONTRACT §11);
// /dispositions counts the CRM's verdicts per first-touch source.
import { Hono } from "hono";
import { ChannelReportQuery, DispositionReportQuery } from "../../../schema/api";
import { channelReportOf } from "../../services/channels";
import { dispositionReport } from "../../services/reports";
import { validated } from "../../validate";
import { ctxOf, type AppEnv } from "../context";

export const reports = new Hono<AppEnv>();

reports.get("/channels", async (c) => c.json(await channelReportOf(ctxOf(c), validated(ChannelReportQuery, c.req.query(), "query"))));
reports.get("/dispositions", async (c) => c.json(await dispositionReport(ctxOf(c), validated(DispositionReportQuery, c.req.query(), "query"))));
