// Accounts as people work with them (API and dashboard alike): the list hottest first, one account with its buying
// committee, and setting its owner or name by hand.
import type * as v from "valibot";
import type { AccountQuery, PatchAccount } from "../../schema/accounts";
import { NO_OWNER } from "../../schema/routing";
import type { CursorShapes } from "../../schema/vocabulary";
import { lowerLineAt, type AccountRecord } from "../core/accounts/account";
import { patchAccountPlan } from "../core/accounts/patch";
import { accountDetail, accountView, type AccountDetail, type AccountView } from "../core/accounts/view";
import { keyBoundOf } from "../core/scoring/score-key";
import { ApiError } from "../errors";
import { accountById, accountPeople, listAccounts as listRows, loadAccounts, thresholdOf, type AccountFilter } from "../store/accounts";
import { commit } from "../store/commit";
import { routingOf, untilRotationSettles } from "../store/routing";
import { getSite, type Site } from "../store/sites";
import { requireAdmin } from "./auth";
import type { Ctx } from "./context";
import { decodeCursor, encodeCursor } from "./cursor";
import { ownerNamed } from "./routing/config";
import { siteFor } from "./sites";
import { dbOfSite, findInShards } from "../shards";

/** People listed on an account's page (and in GET /api/v1/accounts/{id}), hottest first. */
export const PEOPLE_SHOWN = 500;

export interface AccountPage {
  site: Site;
  data: AccountView[];
  next_cursor: string | null;
  prev_cursor: string | null;
}

const keyOf = (a: AccountRecord): CursorShapes["score"] => ({ sign: a.score_key.sign, rank: a.score_key.rank, id: a.id });

/** Accounts with people, hottest first, keyset-paged both ways; scores and stages as of the request. */
export async function listAccounts(ctx: Ctx, q: v.InferOutput<typeof AccountQuery>): Promise<AccountPage> {
  const site = await siteFor(ctx, q.site);
  const threshold = thresholdOf(site.settings);
  const filter: AccountFilter = {
    site: site.id,
    q: q.q,
    min_key: q.min_score === undefined ? undefined : keyBoundOf(q.min_score, site.scoring, ctx.now),
    stage: q.stage && { stage: q.stage, lower_line: lowerLineAt(threshold, site.scoring, ctx.now) },
    owner: q.owner === undefined ? undefined : q.owner.toLowerCase() === NO_OWNER ? null : q.owner,
  };
  const limit = q.limit ?? 100;
  const before = decodeCursor("score", q.before, "before");
  const after = decodeCursor("score", q.cursor);
  // One row more than asked says whether there is another page that way.
  const rows = await listRows(dbOfSite(ctx.env, site), filter, before ? { before } : { after }, limit + 1);
  const more = rows.length > limit;
  const page = before ? rows.slice(more ? 1 : 0) : rows.slice(0, limit);
  const first = page[0];
  const last = page[page.length - 1];
  const next = before ? last : more ? last : undefined;
  const prev = before ? (more ? first : undefined) : after ? first : undefined;
  return {
    site,
    data: page.map((a) => accountView(a, site.scoring, threshold, ctx.now)),
    next_cursor: next ? encodeCursor("score", keyOf(next)) : null,
    prev_cursor: prev ? encodeCursor("score", keyOf(prev)) : null,
  };
}

/** An account a caller may read, or 404 (another site's account is as good as absent). */
async function accountFor(ctx: Ctx, id: string): Promise<{ account: AccountRecord; site: Site }> {
  const hit = await findInShards(ctx.env, (db) => accountById(db, id));
  const p = ctx.principal;
  const site = hit && (p.admin || p.site === hit.found.site) ? await getSite(hit.env.DB, hit.found.site) : null;
  if (!hit || !site) throw new ApiError(404, `No account ${id}.`);
  return { account: hit.found, site };
}

/** One account with its people (the buying committee) and the roles nobody holds yet. */
export async function readAccount(ctx: Ctx, id: string): Promise<AccountDetail> {
  const { account, site } = await accountFor(ctx, id);
  const people = await accountPeople(dbOfSite(ctx.env, site), account, PEOPLE_SHOWN);
  return accountDetail(account, people, site.scoring, thresholdOf(site.settings), ctx.now);
}

/** An owner (of the site's routing) or a name set by hand; null gives either back to what the account's people say. */
export async function updateAccount(ctx: Ctx, id: string, patch: v.InferOutput<typeof PatchAccount>): Promise<AccountDetail> {
  requireAdmin(ctx.principal);
  const { account, site } = await accountFor(ctx, id);
  const routing = typeof patch.owner === "string" ? (await routingOf(dbOfSite(ctx.env, site), site.id))?.config : null;
  const named = (id: string) => ownerNamed(routing, id, "owner");
  const owner = patch.owner === undefined || patch.owner === null ? patch.owner : { id: named(patch.owner).id, name: named(patch.owner).name };
  await untilRotationSettles(async () => {
    const known = await loadAccounts(dbOfSite(ctx.env, site), [site.id], [account.id]);
    const plan = patchAccountPlan(known, account.id, { owner, name: patch.name }, site.scoring, ctx.now);
    await commit(dbOfSite(ctx.env, site), plan, ctx.now);
  });
  return readAccount(ctx, account.id);
}
