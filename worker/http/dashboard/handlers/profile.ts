// /dashboard/profiles/{id}: the profile's story; stage change, the CRM's verdict and erasure (admin only, erasure after a
// confirm step).
import { Hono, type Context } from "hono";
import * as v from "valibot";
import { PatchProfile } from "../../../../schema/api";
import { STAGES } from "../../../../schema/vocabulary";
import { ApiError } from "../../../errors";
import { journeyOf } from "../../../services/overview";
import { eraseProfile, profileEvents, profileFor, readProfile, updateProfile } from "../../../services/profiles";
import { routingOfSite } from "../../../services/routing/config";
import { requireAdmin } from "../../../services/auth";
import { ctxOf, type AppEnv } from "../../context";
import { hrefOf } from "../links";
import { noticeOf } from "../notices";
import { attributionChoiceOf } from "../attribution-report";
import { pageContextOf } from "../page-context";
import { EraseConfirmPage } from "../pages/erase-confirm";
import { ProfilePage, type ProfileData } from "../pages/profile";
import { personName } from "../people";
import { sendPage } from "../render";
import { verdictInputOfForm, verdictPatchOf } from "../verdict-form";
import { issuesOf } from "../../../validate";

export const profilePages = new Hono<AppEnv>();

const EVENTS_PAGE = 50;

/** The profile page; `verdict` is the verdict form as sent when it comes back refused. */
async function renderProfile(c: Context<AppEnv>, id: string, verdict?: ProfileData["verdict"], status: 200 | 400 = 200) {
  const site = (await profileFor(ctxOf(c), id)).profile.site;
  const ctx = await pageContextOf(c, site);
  const choice = attributionChoiceOf(c.req.query());
  const [p, journey, events, routing] = await Promise.all([
    readProfile(ctx.app, id),
    journeyOf(ctx.app, id, { model: choice.model, conversion: choice.conversion, from: ctx.range.fromMs, to: ctx.range.toMs }),
    profileEvents(ctx.app, id, { cursor: c.req.query("before") || undefined, limit: EVENTS_PAGE }),
    routingOfSite(ctx.app, site),
  ]);
  return sendPage(c, ProfilePage({ ctx, data: { p, journey, events: events.data, olderCursor: events.next_cursor, notice: noticeOf(c.req.query()), routing: routing.config, verdict } }), status);
}

profilePages.get("/profiles/:id", async (c) => {
  const id = c.req.param("id");
  const { profile } = await profileFor(ctxOf(c), id);
  if (profile.id !== id) return c.redirect(hrefOf(`/dashboard/profiles/${encodeURIComponent(profile.id)}`, { site: profile.site }), 302);
  return renderProfile(c, id);
});

/** The CRM's verdict set by hand: validated as PATCH /api/v1/profiles/{id} is, saved by the same service. */
profilePages.post("/profiles/:id/verdict", async (c) => {
  const app = ctxOf(c);
  requireAdmin(app.principal);
  const current = await readProfile(app, c.req.param("id"));
  const input = verdictInputOfForm(await c.req.parseBody());
  const patch = v.safeParse(PatchProfile, verdictPatchOf(input, current));
  if (!patch.success) return renderProfile(c, current.id, { input, issues: issuesOf(patch.issues) }, 400);
  const p = await updateProfile(app, current.id, patch.output);
  return c.redirect(hrefOf(`/dashboard/profiles/${encodeURIComponent(p.id)}`, { site: p.site, notice: "verdict" }), 303);
});

profilePages.post("/profiles/:id/stage", async (c) => {
  const ctx = await pageContextOf(c);
  const asked = (await c.req.parseBody()).stage;
  const stage = STAGES.find((s) => s === asked);
  if (!stage) throw new ApiError(400, `Choose a stage: ${STAGES.join(", ")}.`);
  const p = await updateProfile(ctx.app, c.req.param("id"), { stage });
  return c.redirect(hrefOf(`/dashboard/profiles/${encodeURIComponent(p.id)}`, { ...ctx.keep, site: p.site, notice: "stage" }), 303);
});

profilePages.get("/profiles/:id/erase", async (c) => {
  const app = ctxOf(c);
  requireAdmin(app.principal);
  const { profile } = await profileFor(app, c.req.param("id"));
  return sendPage(c, EraseConfirmPage({ ctx: await pageContextOf(c, profile.site), id: profile.id, name: personName(profile) }));
});

profilePages.post("/profiles/:id/erase", async (c) => {
  const ctx = await pageContextOf(c);
  requireAdmin(ctx.principal);
  if ((await c.req.parseBody()).confirm !== "ERASE") throw new ApiError(400, "Type ERASE to confirm the erasure.");
  const { profile } = await profileFor(ctx.app, c.req.param("id"));
  await eraseProfile(ctx.app, profile.id);
  return c.redirect(hrefOf("/dashboard/leads", { ...ctx.keep, site: profile.site, notice: "erased" }), 303);
});
