// GET /api/v1/profiles.csv?site=S (and /api/v1/sites/{id}/profiles.csv): the list as CSV, with the list's filters and sort.
import { Hono, type Context } from "hono";
import * as v from "valibot";
import { ProfileQuery } from "../../../schema/api";
import { profilesCsv, type ListQuery } from "../../services/profiles";
import { validated } from "../../validate";
import { ctxOf, type AppEnv } from "../context";

export const profilesCsvRoutes = new Hono<AppEnv>();

/** Rows per response; the Link header pages on. */
const DEFAULT_ROWS = 1000;
const MAX_ROWS = 5000;

export const CsvQuery = v.strictObject({
  ...v.omit(ProfileQuery, ["limit", "include_deleted", "before"]).entries,
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, "a whole number"), v.transform(Number), v.number(), v.minValue(1), v.maxValue(MAX_ROWS))),
});

async function csvPage(c: Context<AppEnv>, site: string | undefined) {
  return sendProfilesCsv(c, validated(CsvQuery, { ...c.req.query(), ...(site ? { site } : {}) }, "query"), "profiles");
}

/** The CSV response of a list query (the API's and the dashboard's): at most `limit` rows, a Link to the next ones. */
export async function sendProfilesCsv(c: Context<AppEnv>, q: ListQuery, name: string) {
  const { body, next_cursor } = await profilesCsv(ctxOf(c), { ...q, limit: q.limit ?? DEFAULT_ROWS });
  c.header("content-type", "text/csv; charset=utf-8");
  c.header("content-disposition", `attachment; filename="${name}-${q.site}.csv"`);
  if (next_cursor) {
    const url = new URL(c.req.url);
    url.searchParams.set("cursor", next_cursor);
    c.header("x-next-cursor", next_cursor);
    c.header("link", `<${url.pathname}${url.search}>; rel="next"`);
  }
  return c.body(body);
}

profilesCsvRoutes.get("/profiles.csv", (c) => csvPage(c, undefined));
profilesCsvRoutes.get("/sites/:id/profiles.csv", (c) => csvPage(c, c.req.param("id")));
