// /api/v1/profiles: the filtered list and the CRM feed (resume cursors, tombstones), one profile, its events, PATCH, export and erasure.
import { Hono } from "hono";
import { PageQuery, PatchProfile, ProfileQuery } from "../../../schema/api";
import { profilesPage } from "../../services/feed";
import { eraseProfile, exportProfile, profileEvents, readProfile, updateProfile } from "../../services/profiles";
import { jsonBody, validated } from "../../validate";
import { ctxOf, type AppEnv } from "../context";

export const profiles = new Hono<AppEnv>();

profiles.get("/", async (c) => c.json(await profilesPage(ctxOf(c), validated(ProfileQuery, c.req.query(), "query"))));

profiles.get("/:id", async (c) => c.json(await readProfile(ctxOf(c), c.req.param("id"))));

profiles.get("/:id/events", async (c) => {
  const { data, next_cursor } = await profileEvents(ctxOf(c), c.req.param("id"), validated(PageQuery, c.req.query(), "query"));
  return c.json({ data, next_cursor });
});

profiles.patch("/:id", async (c) => {
  const patch = validated(PatchProfile, await jsonBody(c.req.raw, 64 * 1024));
  return c.json(await updateProfile(ctxOf(c), c.req.param("id"), patch));
});

profiles.get("/:id/export", async (c) => {
  const body = await exportProfile(ctxOf(c), c.req.param("id"));
  c.header("Content-Disposition", `attachment; filename="profile-${body.profile.id}.json"`);
  return c.json(body);
});

profiles.delete("/:id", async (c) => {
  await eraseProfile(ctxOf(c), c.req.param("id"));
  return c.body(null, 204);
});
