// Profiles as people work with them: the lists (API, dashboard and CSV alike), one profile, its events, a CRM's
// PATCH, export and erasure. Each use case checks who may do it; the routes only parse and render.
import type { PatchProfile, ProfileQuery } from "../../schema/api";
import type * as v from "valibot";
import { CSV_COLUMNS, csvLine, profileCsvLine } from "../core/csv";
import { eventView, profileView, type ProfileView } from "../core/profiles/view";
import { patchPlan } from "../core/profiles/replan";
import { assignByHand, assignOwners } from "../core/routing/assign";
import { NO_OWNER } from "../../schema/routing";
import type { ProfileRecord } from "../core/profiles/profile";
import { keyBoundOf } from "../core/scoring/score-key";
import { ApiError } from "../errors";
import { sweepArchiveErasures } from "../store/archive";
import { erase, exportProfile as exportRows } from "../store/erasure";
import { listProfiles as listRows, profileById, profileEvents as eventRows, type ProfileFilter, type ProfileOrder } from "../store/profiles";
import { loadRouting, routingOf, untilRotationSettles } from "../store/routing";
import { loadAccounts } from "../store/accounts";
import { planAccounts } from "../core/accounts/plan-accounts";
import { emptyPlan } from "../core/profiles/plan";
import { commitPlan } from "./commit-plan";
import { getSite, type Site } from "../store/sites";
import { requireAdmin } from "./auth";
import type { Ctx } from "./context";
import { decodeCursor, encodeCursor } from "./cursor";
import { siteFor } from "./sites";
import { dbOfSite, envOfSite, findInShards } from "../shards";
import { ownerNamed } from "./routing/config";
import { scheduleFollowUps } from "./routing/follow-ups";
import { sweepWebhooks } from "./webhooks/dispatch";

export interface ReadableProfile {
  profile: ProfileRecord;
  site: Site;
}

/** The profile a caller may read (a merged-away id resolves to the survivor), or 404: another site's profile is as good as absent. */
export async function profileFor(ctx: Ctx, id: string): Promise<ReadableProfile> {
  const hit = await findInShards(ctx.env, (db) => profileById(db, id));
  const p = ctx.principal;
  // a row a batch in flight wrote for a site deleted meanwhile has no site: it is as good as absent
  const site = hit && (p.admin || p.site === hit.found.site) ? await getSite(hit.env.DB, hit.found.site) : null;
  if (!hit || !site) throw new ApiError(404, `No profile ${id}.`);
  return { profile: hit.found, site };
}

export type ListQuery = Omit<v.InferOutput<typeof ProfileQuery>, "limit"> & { limit?: number };

export interface ProfilePage {
  site: Site;
  data: ProfileView[];
  next_cursor: string | null;
  /** hottest first only: the page before this one (null on the first page) */
  prev_cursor?: string | null;
}

/**
 * The store's filter of a list query: min_score becomes a bound on the score key at the moment of the request, the
 * owner "none" means nobody's, and overdue a bound on assignment time from the routing's follow-up window.
 */
export async function filterOf(ctx: Ctx, site: Site, q: ListQuery): Promise<ProfileFilter> {
  const { cursor: _cursor, before: _before, limit: _limit, sort: _sort, include_deleted: _deleted, min_score, owner, overdue, ...rest } = q;
  return {
    ...rest,
    site: site.id,
    min_key: min_score === undefined ? undefined : keyBoundOf(min_score, site.scoring, ctx.now),
    owner: owner === undefined ? undefined : owner.toLowerCase() === NO_OWNER ? null : owner,
    overdue_before: overdue ? await overdueBound(ctx, site) : undefined,
  };
}

const scoreCursor = (p: ProfileRecord) => encodeCursor("score", { sign: p.score_key.sign, rank: p.score_key.rank, id: p.id });

/** A filtered list: by change sequence (the feed) or hottest first, keyset-paged (hottest first both ways). */
export async function listProfiles(ctx: Ctx, q: ListQuery): Promise<ProfilePage> {
  const site = await siteFor(ctx, q.site);
  const { cursor, before, limit = 100, sort } = q;
  if (before !== undefined && (sort !== "score" || cursor !== undefined)) {
    throw new ApiError(400, "before pages back through a list sorted by score: send it with sort=score and without cursor.", {
      issues: [{ path: "before", message: sort === "score" ? "not with cursor" : "only with sort=score" }],
    });
  }
  const filter = await filterOf(ctx, site, q);
  const view = (rows: ProfileRecord[]) => rows.map((p) => profileView(p, site.scoring, ctx.now));
  if (sort === "score" && before !== undefined) {
    const rows = await listRows(dbOfSite(ctx.env, site), filter, { by: "score", before: decodeCursor("score", before, "before")! }, limit + 1);
    const page = rows.slice(0, limit).reverse();
    const [first, last] = [page[0], page[page.length - 1]];
    return { site, data: view(page), next_cursor: last ? scoreCursor(last) : null, prev_cursor: rows.length > limit && first ? scoreCursor(first) : null };
  }
  if (sort === "score") {
    const rows = await listRows(dbOfSite(ctx.env, site), filter, { by: "score", after: decodeCursor("score", cursor) }, limit);
    const [first, last] = [rows[0], rows[rows.length - 1]];
    return { site, data: view(rows), next_cursor: rows.length === limit && last ? scoreCursor(last) : null, prev_cursor: cursor !== undefined && first ? scoreCursor(first) : null };
  }
  const rows = await listRows(dbOfSite(ctx.env, site), filter, { by: "updated", after: decodeCursor("feed", cursor) }, limit);
  const last = rows[rows.length - 1];
  return { site, data: view(rows), next_cursor: rows.length === limit && last ? encodeCursor("feed", { seq: last.seq }) : null };
}

/** Leads assigned at or before this moment are past the site's follow-up window; null when it has none. */
async function overdueBound(ctx: Ctx, site: Site): Promise<number | null> {
  const minutes = (await routingOf(dbOfSite(ctx.env, site), site.id))?.config.follow_up?.within_minutes;
  return minutes === undefined ? null : ctx.now - minutes * 60_000;
}

/** One profile as the API shows it, scored at the moment of the request. */
export async function readProfile(ctx: Ctx, id: string): Promise<ProfileView> {
  const { profile, site } = await profileFor(ctx, id);
  return profileView(profile, site.scoring, ctx.now);
}

/** A profile's events, newest first. */
export async function profileEvents(ctx: Ctx, id: string, page: { cursor?: string; limit?: number }) {
  const { profile, site } = await profileFor(ctx, id);
  const limit = page.limit ?? 100;
  const rows = await eventRows(dbOfSite(ctx.env, site), profile.id, { before: decodeCursor("time", page.cursor), limit });
  const last = rows[rows.length - 1];
  return { profile, data: rows.map(eventView), next_cursor: rows.length === limit && last ? encodeCursor("time", { at: last.at, id: last.id }) : null };
}

/**
 * A CRM's PATCH: traits merged, re-evaluated, the stage set as given; transitions go to webhooks. An `owner` (an owner
 * id of the site's routing, or null) is set as given; without one, a lead the change qualifies is routed by the rules.
 */
export async function updateProfile(ctx: Ctx, id: string, patch: v.InferOutput<typeof PatchProfile>): Promise<ProfileView> {
  requireAdmin(ctx.principal);
  const { profile, site } = await profileFor(ctx, id);
  const { owner, ...change } = patch;
  const plan = await commitPlan(dbOfSite(ctx.env, site), patchPlan(profile, change, site.scoring, ctx.now), {
    site,
    now: ctx.now,
    route: (patched, routing, accountOwner) =>
      owner === undefined
        ? assignOwners(patched, { before: () => profile.stage, routing: () => routing, now: ctx.now, accountOwner })
        : assignByHand(patched, owner === null ? null : ownerNamed(routing?.config, owner, "owner"), routing?.config ?? null, ctx.now),
  });
  ctx.later(scheduleFollowUps(envOfSite(ctx.env, site).EVENTS, plan.follow_ups, ctx.now));
  ctx.later(sweepWebhooks(envOfSite(ctx.env, site), ctx.now));
  return profileView(plan.profiles[0]!, site.scoring, ctx.now);
}

/** Index rows of erased people handled per sweep call. */
const ARCHIVE_SWEEP_PAGE = 500;

/**
 * Rewrites the archive objects holding erased people of a site (all sites without one) without their lines. A failure
 * is logged, not thrown: the erasure is recorded in D1 and the hourly cron sweeps again until the archive is clean.
 */
export async function eraseArchived(env: Pick<Ctx["env"], "DB" | "ARCHIVE">, site?: string): Promise<number> {
  let removed = 0;
  try {
    for (;;) {
      const swept = await sweepArchiveErasures(env.DB, env.ARCHIVE, { site, limit: ARCHIVE_SWEEP_PAGE });
      removed += swept.lines;
      if (swept.rows < ARCHIVE_SWEEP_PAGE) break;
    }
  } catch (err) {
    console.error("archive erasure sweep failed; the hourly cron retries", (err as Error).message);
  }
  return removed;
}

/** Erase a person everywhere; profile.deleted is written in the same transaction and sent to webhooks, the person's
 *  account is summed again without them, and their lines leave the raw-event archive. */
export async function eraseProfile(ctx: Ctx, id: string): Promise<void> {
  requireAdmin(ctx.principal);
  const { profile, site } = await profileFor(ctx, id);
  await untilRotationSettles(async () => {
    const known = await loadAccounts(dbOfSite(ctx.env, site), [site.id], profile.account ? [profile.account.id] : []);
    const left = planAccounts({ ...emptyPlan(), deleted: [profile.id] }, known, () => site.scoring, ctx.now);
    await erase(dbOfSite(ctx.env, site), profile, ctx.now, left);
  });
  await eraseArchived(envOfSite(ctx.env, site), profile.site);
  ctx.later(sweepWebhooks(envOfSite(ctx.env, site), ctx.now));
}

/** Everything stored about a person (GDPR access). */
export async function exportProfile(ctx: Ctx, id: string) {
  const { profile, site } = await profileFor(ctx, id);
  const { record, ...rest } = await exportRows(dbOfSite(ctx.env, site), ctx.env.ARCHIVE, profile.id);
  return { exported_at: new Date(ctx.now).toISOString(), profile: profileView(record ?? profile, site.scoring, ctx.now), ...rest };
}

/** Rows per D1 read while a CSV is written, so one request stays within Worker memory and time. */
const CSV_READ_PAGE = 500;

/** The rows of a list (same filters, same order) as CSV, up to `limit` rows; next_cursor continues after them. */
export async function profilesCsv(ctx: Ctx, q: ListQuery & { limit: number }): Promise<{ body: string; next_cursor: string | null }> {
  let body = csvLine(CSV_COLUMNS);
  let cursor = q.cursor;
  let rows = 0;
  while (rows < q.limit) {
    const want = Math.min(CSV_READ_PAGE, q.limit - rows);
    const page = await listProfiles(ctx, { ...q, cursor, limit: want });
    for (const p of page.data) body += profileCsvLine(p);
    rows += page.data.length;
    cursor = page.next_cursor ?? undefined;
    if (!page.next_cursor) return { body, next_cursor: null };
  }
  return { body, next_cursor: cursor ?? null };
}
