// /api/v1/reports: what became of the leads. /dispositions counts the CRM's verdicts per first-touch source.
import { Hono } from "hono";
import { DispositionReportQuery } from "../../../schema/api";
import { dispositionReport } from "../../services/reports";
import { validated } from "../../validate";
import { ctxOf, type AppEnv } from "../context";

export const reports = new Hono<AppEnv>();

reports.get("/dispositions", async (c) => c.json(await dispositionReport(ctxOf(c), validated(DispositionReportQuery, c.req.query(), "query"))));
