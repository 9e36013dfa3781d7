// /dashboard/profiles/{id}: the profile's story; stage change and erasure (admin only, erasure after a confirm step).
import { Hono, type Context } from "hono";
import { STAGES } from "../../../../schema/vocabulary";
import { requireAdmin } from "../../../services/auth";
import { decodeCursor, encodeCursor } from "../../../services/cursor";
import { ApiError } from "../../../errors";
import { profileTouches } from "../../../store/overview";
import { profileById, profileEvents, type StoredProfile } from "../../../store/profiles";
import { eventView, profileView } from "../../../core/profiles/view";
import { erasePerson, updateProfile } from "../../../services/actions";
import { hrefOf } from "../links";
import { noticeOf } from "../notices";
import { pageContextOf } from "../page-context";
import { EraseConfirmPage } from "../pages/erase-confirm";
import { ProfilePage } from "../pages/profile";
import { personName } from "../people";
import { sendPage } from "../render";
import type { DashEnv } from "../viewer";

export const profilePages = new Hono<DashEnv>();

const EVENTS_PAGE = 50;
const isEventPos = (x: unknown): x is { at: number; id: string } =>
  typeof (x as { at?: unknown })?.at === "number" && typeof (x as { id?: unknown })?.id === "string";

/** The profile a viewer may see (merged ids resolve to the survivor); another site's profile is as good as absent. */
async function readable(c: Context<DashEnv>): Promise<StoredProfile> {
  const id = c.req.param("id") ?? "";
  const p = await profileById(c.env.DB, id);
  const viewer = c.get("principal");
  if (!p || (!viewer.admin && viewer.site !== p.site)) throw new ApiError(404, `No profile ${id}.`);
  return p;
}

profilePages.get("/profiles/:id", async (c) => {
  const now = Date.now();
  const p = await readable(c);
  if (p.id !== c.req.param("id")) return c.redirect(hrefOf(`/dashboard/profiles/${encodeURIComponent(p.id)}`, { site: p.site }), 302);
  const ctx = await pageContextOf(c, now, p.site);
  const before = decodeCursor(c.req.query("before") || undefined, isEventPos);
  const [touches, events] = await Promise.all([profileTouches(c.env.DB, p.id), profileEvents(c.env.DB, p.id, { before, limit: EVENTS_PAGE })]);
  const last = events[events.length - 1];
  const olderCursor = events.length === EVENTS_PAGE && last ? encodeCursor({ at: last.at, id: last.id }) : null;
  const data = { p: profileView(p, ctx.site.scoring, now), touches, events: events.map(eventView), olderCursor, notice: noticeOf(c.req.query()) };
  return sendPage(c, ProfilePage({ ctx, data }));
});

profilePages.post("/profiles/:id/stage", async (c) => {
  requireAdmin(c.get("principal"));
  const now = Date.now();
  const p = await readable(c);
  const ctx = await pageContextOf(c, now, p.site);
  const asked = (await c.req.parseBody()).stage;
  const stage = STAGES.find((s) => s === asked);
  if (!stage) throw new ApiError(400, `Choose a stage: ${STAGES.join(", ")}.`);
  await updateProfile(c.env, c.executionCtx, p, ctx.site, { stage }, now);
  return c.redirect(hrefOf(`/dashboard/profiles/${encodeURIComponent(p.id)}`, { ...ctx.keep, notice: "stage" }), 303);
});

profilePages.get("/profiles/:id/erase", async (c) => {
  requireAdmin(c.get("principal"));
  const p = await readable(c);
  const ctx = await pageContextOf(c, Date.now(), p.site);
  return sendPage(c, EraseConfirmPage({ ctx, id: p.id, name: personName(p) }));
});

profilePages.post("/profiles/:id/erase", async (c) => {
  requireAdmin(c.get("principal"));
  const now = Date.now();
  const p = await readable(c);
  const ctx = await pageContextOf(c, now, p.site);
  if ((await c.req.parseBody()).confirm !== "ERASE") throw new ApiError(400, "Type ERASE to confirm the erasure.");
  await erasePerson(c.env, c.executionCtx, p, now);
  return c.redirect(hrefOf("/dashboard/leads", { ...ctx.keep, notice: "erased" }), 303);
});
