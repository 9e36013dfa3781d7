// /api/v1/sites/{id}/costs: import daily ad costs as text/csv or JSON {"rows":[…]} (all rows or none), and list them.
import { Hono } from "hono";
import { CostsQuery } from "../../../schema/api";
import { ApiError } from "../../errors";
import { costsOf, importCosts, type CostUpload } from "../../services/costs";
import { limitedText, parsedJson, validated } from "../../validate";
import { ctxOf, type AppEnv } from "../context";

export const costs = new Hono<AppEnv>();

/** 50,000 rows of a few dozen bytes each, with room to spare. */
const MAX_BODY = 8 * 1024 * 1024;
const CSV_TYPES = ["text/csv", "application/csv", "text/plain"];

/** The upload as its Content-Type says: CSV, or JSON (the default). */
async function uploadOf(req: Request): Promise<CostUpload> {
  const type = (req.headers.get("content-type") ?? "application/json").split(";")[0]!.trim().toLowerCase();
  if (CSV_TYPES.includes(type)) return { csv: await limitedText(req, MAX_BODY) };
  if (type === "application/json" || type === "") return { json: parsedJson(await limitedText(req, MAX_BODY)) };
  throw new ApiError(415, `Send the costs as text/csv (header date,source,medium,campaign,amount,currency) or application/json {"rows":[…]}, not ${type}.`);
}

costs.put("/:id/costs", async (c) => c.json(await importCosts(ctxOf(c), c.req.param("id"), await uploadOf(c.req.raw))));

costs.get("/:id/costs", async (c) => c.json(await costsOf(ctxOf(c), c.req.param("id"), validated(CostsQuery, c.req.query(), "query"))));
