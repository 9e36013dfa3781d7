// /api/v1/profiles: the filtered list and updated_since feed, one profile, its events.
import { Hono } from "hono";
import { PageQuery, PatchProfile, ProfileQuery } from "../../../schema/api";
import { erasePerson, updateProfile } from "../../services/actions";
import { requireAdmin, requireSite } from "../../services/auth";
import { exportProfile } from "../../store/erasure";
import { decodeCursor, encodeCursor } from "../../services/cursor";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { getSite } from "../../store/sites";
import { listProfiles, profileById, profileEvents, type StoredProfile } from "../../store/profiles";
import { jsonBody, validated } from "../../validate";
import { eventView, profileView } from "../../core/profiles/view";

type SeqPos = { seq: number };
type ScorePos = { score: number; id: string };
const isSeq = (x: unknown): x is SeqPos => typeof (x as SeqPos)?.seq === "number";
const isScore = (x: unknown): x is ScorePos => typeof (x as ScorePos)?.score === "number" && typeof (x as ScorePos)?.id === "string";
const isEventPos = (x: unknown): x is { at: number; id: string } =>
  typeof (x as { at?: unknown })?.at === "number" && typeof (x as { id?: unknown })?.id === "string";

export const profiles = new Hono<AppEnv>();

/** The profile a caller may read, or 404 (a profile of another site is as good as absent). */
export async function readableProfile(c: { env: AppEnv["Bindings"]; get(k: "principal"): AppEnv["Variables"]["principal"] }, id: string): Promise<StoredProfile> {
  const p = await profileById(c.env.DB, id);
  const principal = c.get("principal");
  if (!p || (!principal.admin && principal.site !== p.site)) throw new ApiError(404, `No profile ${id}.`);
  return p;
}

profiles.get("/", async (c) => {
  const q = validated(ProfileQuery, c.req.query(), "query");
  requireSite(c.get("principal"), q.site);
  const site = await getSite(c.env.DB, q.site);
  if (!site) throw new ApiError(404, `Unknown site ${q.site}.`, { code: "unknown_site" });
  const order = q.sort ?? "updated";
  const after = order === "score" ? decodeCursor(q.cursor, isScore) : decodeCursor(q.cursor, isSeq);
  const limit = q.limit ?? 100;
  const rows = await listProfiles(c.env.DB, { ...q, order, after, limit });
  const last = rows[rows.length - 1];
  const next = rows.length === limit && last ? encodeCursor(order === "score" ? { score: last.score, id: last.id } : { seq: last.seq }) : null;
  const now = Date.now();
  return c.json({ data: rows.map((p) => profileView(p, site.scoring, now)), next_cursor: next });
});

profiles.get("/:id", async (c) => {
  const p = await readableProfile(c, c.req.param("id"));
  const site = await getSite(c.env.DB, p.site);
  return c.json(profileView(p, site!.scoring, Date.now()));
});

profiles.get("/:id/events", async (c) => {
  const q = validated(PageQuery, c.req.query(), "query");
  const p = await readableProfile(c, c.req.param("id"));
  const limit = q.limit ?? 100;
  const rows = await profileEvents(c.env.DB, p.id, { before: decodeCursor(q.cursor, isEventPos), limit });
  const last = rows[rows.length - 1];
  return c.json({ data: rows.map(eventView), next_cursor: rows.length === limit && last ? encodeCursor({ at: last.at, id: last.id }) : null });
});

profiles.patch("/:id", async (c) => {
  requireAdmin(c.get("principal"));
  const patch = validated(PatchProfile, await jsonBody(c.req.raw, 64 * 1024));
  const p = await readableProfile(c, c.req.param("id"));
  const site = (await getSite(c.env.DB, p.site))!;
  const now = Date.now();
  const updated = await updateProfile(c.env, c.executionCtx, p, site, patch, now);
  return c.json(profileView(updated, site.scoring, now));
});

profiles.get("/:id/export", async (c) => {
  const p = await readableProfile(c, c.req.param("id"));
  const site = (await getSite(c.env.DB, p.site))!;
  const { record, ...rest } = await exportProfile(c.env.DB, p.id);
  c.header("Content-Disposition", `attachment; filename="profile-${p.id}.json"`);
  return c.json({ exported_at: new Date().toISOString(), profile: profileView(record ?? p, site.scoring, Date.now()), ...rest });
});

profiles.delete("/:id", async (c) => {
  requireAdmin(c.get("principal"));
  const p = await readableProfile(c, c.req.param("id"));
  await erasePerson(c.env, c.executionCtx, p, Date.now());
  return c.body(null, 204);
});
