// The profile list as a CRM pulls it (docs/API.md "The feed"): in the site's change order, with tombstones for ids that
// stopped existing when asked (include_deleted=true), and a resume_cursor on every page, from which a later call gets
// only what changed since — so the feed never ends with nothing to resume from.
import { ApiError } from "../errors";
import { profileView, type ProfileView } from "../core/profiles/view";
import { readFeed, type FeedItem } from "../store/feed";
import type { Tombstone } from "../store/tombstones";
import type { Ctx } from "./context";
import { decodeCursor, encodeCursor } from "./cursor";
import { filterOf, listProfiles, type ListQuery } from "./profiles";
import { siteFor } from "./sites";
import { dbOfSite } from "../shards";

/** An id that no longer exists: erased, or merged into `merged_into` (which the feed carries too). */
export type TombstoneView = { id: string; deleted: true; deleted_at: string; merged_into?: string };

export interface FeedPage {
  data: (ProfileView | TombstoneView)[];
  next_cursor: string | null;
  /** sort=score: the page before this one (pass it as `before`); null on the first page */
  prev_cursor?: string | null;
  /** where a later call resumes to receive only what changed after this page; absent for sort=score */
  resume_cursor?: string;
}

export function tombstoneView(t: Tombstone): TombstoneView {
  const view: TombstoneView = { id: t.id, deleted: true, deleted_at: new Date(t.deleted_at).toISOString() };
  if (t.merged_into !== null) view.merged_into = t.merged_into;
  return view;
}

/** GET /api/v1/profiles: hottest first (sort=score, a list without tombstones), else the feed. */
export async function profilesPage(ctx: Ctx, q: ListQuery): Promise<FeedPage> {
  if (q.sort !== "score" && q.before !== undefined) {
    throw new ApiError(400, "before pages back through a list sorted by score: send it with sort=score.", { issues: [{ path: "before", message: "only with sort=score" }] });
  }
  if (q.sort !== "score") return profileFeed(ctx, q);
  if (q.include_deleted) {
    throw new ApiError(400, "Tombstones come with the feed, which is in change order: leave out sort=score to use include_deleted.", {
      issues: [{ path: "include_deleted", message: "not with sort=score" }],
    });
  }
  const { data, next_cursor, prev_cursor } = await listProfiles(ctx, q);
  return { data, next_cursor, prev_cursor: prev_cursor ?? null };
}

/** One page of the feed: profiles (each as it is now) and tombstones, after the cursor, in change order. */
export async function profileFeed(ctx: Ctx, q: ListQuery): Promise<FeedPage> {
  const site = await siteFor(ctx, q.site);
  const after = decodeCursor("feed", q.cursor)?.seq ?? 0;
  const limit = q.limit ?? 100;
  const { items, head } = await readFeed(dbOfSite(ctx.env, site), await filterOf(ctx, site, q), { after, limit, includeDeleted: q.include_deleted === true });
  if (after > head) {
    throw new ApiError(400, "The cursor is ahead of this site's changes (was the site deleted and created again?); start again without a cursor.", {
      issues: [{ path: "cursor", message: "ahead of the site's change sequence" }],
    });
  }
  const last = items[items.length - 1];
  // A full page may have more after it; a short one is the end of the feed as of this read, so resuming from the
  // site's head skips only rows this very read saw did not match.
  const next = items.length === limit && last ? last.seq : null;
  return {
    data: items.map((item: FeedItem) => (item.kind === "profile" ? profileView(item.profile, site.scoring, ctx.now) : tombstoneView(item.tombstone))),
    next_cursor: next === null ? null : encodeCursor("feed", { seq: next }),
    resume_cursor: encodeCursor("feed", { seq: next ?? head }),
  };
}
