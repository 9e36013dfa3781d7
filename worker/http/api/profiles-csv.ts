// GET /api/v1/profiles.csv?site=S (and /api/v1/sites/{id}/profiles.csv): a page of scored profiles as CSV.
import { Hono, type Context } from "hono";
import * as v from "valibot";
import { SiteId } from "../../../schema/api";
import { STAGES } from "../../../schema/vocabulary";
import { requireSite } from "../../services/auth";
import { decodeCursor, encodeCursor } from "../../services/cursor";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { listProfiles } from "../../store/profiles";
import { getSite } from "../../store/sites";
import { validated } from "../../validate";
import { profileView } from "../../core/profiles/view";
import { CSV_COLUMNS, csvLine, profileCsvLine } from "../../core/csv";

export const profilesCsv = new Hono<AppEnv>();

/** Rows per response (the Link header pages on) and per D1 read, so one request stays within Worker memory and time. */
const DEFAULT_ROWS = 1000;
const MAX_ROWS = 5000;
const READ_PAGE = 500;

const CsvQuery = v.strictObject({
  site: v.optional(SiteId),
  stage: v.optional(v.picklist(STAGES)),
  label: v.optional(v.pipe(v.string(), v.maxLength(64))),
  min_score: v.optional(v.pipe(v.string(), v.regex(/^-?\d+(\.\d+)?$/, "a number"), v.transform(Number))),
  updated_since: v.optional(v.pipe(v.string(), v.check((s) => !Number.isNaN(Date.parse(s)), "an ISO-8601 time"), v.transform(Date.parse))),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, "a whole number"), v.transform(Number), v.number(), v.minValue(1), v.maxValue(MAX_ROWS))),
});
const isSeq = (x: unknown): x is { seq: number } => typeof (x as { seq?: unknown })?.seq === "number";

async function csvPage(c: Context<AppEnv>, siteId: string | undefined) {
  const { site: _s, cursor, limit = DEFAULT_ROWS, ...filters } = validated(CsvQuery, c.req.query(), "query");
  if (!siteId) throw new ApiError(400, "Say which site to export.", { issues: [{ path: "site", message: "required" }] });
  requireSite(c.get("principal"), siteId);
  const site = await getSite(c.env.DB, siteId);
  if (!site) throw new ApiError(404, `Unknown site ${siteId}.`, { code: "unknown_site" });
  const now = Date.now();
  let after = decodeCursor(cursor, isSeq);
  let body = csvLine(CSV_COLUMNS);
  let rows = 0;
  while (rows < limit) {
    const want = Math.min(READ_PAGE, limit - rows);
    const page = await listProfiles(c.env.DB, { ...filters, site: site.id, order: "updated", after, limit: want });
    for (const p of page) body += profileCsvLine(profileView(p, site.scoring, now));
    rows += page.length;
    if (page.length < want) return send(c, body, null);
    after = { seq: page[page.length - 1]!.seq };
  }
  // A full page: there may be more (the next page can turn out empty, as with the JSON feed).
  const next = encodeCursor(after);
  const url = new URL(c.req.url);
  url.searchParams.set("cursor", next);
  return send(c, body, { cursor: next, link: `<${url.pathname}${url.search}>; rel="next"` });
}

function send(c: Context<AppEnv>, body: string, next: { cursor: string; link: string } | null) {
  c.header("content-type", "text/csv; charset=utf-8");
  c.header("content-disposition", 'attachment; filename="profiles.csv"');
  if (next) c.header("x-next-cursor", next.cursor), c.header("link", next.link);
  return c.body(body);
}

profilesCsv.get("/profiles.csv", (c) => csvPage(c, c.req.query("site")));
profilesCsv.get("/sites/:id/profiles.csv", (c) => csvPage(c, c.req.param("id")));
