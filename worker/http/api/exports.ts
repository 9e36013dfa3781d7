// GET /api/v1/exports/google-ads.csv?site=S&stages=…: the Google Ads offline click-conversion file (CONTRACT §12).
// Google Ads' scheduled upload fetches it with HTTP Basic (the site's read key as password; see http/credentials.ts).
import { Hono } from "hono";
import { GoogleAdsQuery } from "../../../schema/destinations";
import { googleAdsFile } from "../../services/destinations/google-ads";
import { validated } from "../../validate";
import { ctxOf, type AppEnv } from "../context";

export const exportsRoutes = new Hono<AppEnv>();

exportsRoutes.get("/google-ads.csv", async (c) => {
  const q = validated(GoogleAdsQuery, c.req.query(), "query");
  const file = await googleAdsFile(ctxOf(c), q);
  c.header("content-type", "text/csv; charset=utf-8");
  c.header("content-disposition", `attachment; filename="google-ads-${file.site}.csv"`);
  c.header("cache-control", "no-store");
  c.header("x-conversions", String(file.conversions.length));
  return c.body(file.csv);
});
