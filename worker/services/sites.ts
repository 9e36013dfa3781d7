// Sites: the one place that says "this site exists and you may see it"; creating, changing, deleting sites and
// rotating their keys. Keys are shown once, when made; the store keeps only their hashes.
import type * as v from "valibot";
import type { CreateSite, PatchSite } from "../../schema/api";
import type { KeyKind } from "../../schema/vocabulary";
import { ApiError } from "../errors";
import { deleteSiteArchive } from "../store/archive";
import { releaseSite, shardOfSite, unclaimSite } from "../store/directory";
import { deleteSite as deleteRows, forgetCachedSite, getSite, insertSite, replaceKey, updateSite, type Site } from "../store/sites";
import { allSites, dbOfSite, forgetCachedShard, placeSite, shardDb, shardNames, siteById } from "../shards";
import { requireAdmin, requireSite } from "./auth";
import type { Ctx } from "./context";

/** The site a caller may read, or 403 (another site's key) / 404 (no such site). */
export async function siteFor(ctx: Ctx, id: string): Promise<Site> {
  requireSite(ctx.principal, id);
  const site = await siteById(ctx.env, id, ctx.now);
  if (!site) throw new ApiError(404, `Unknown site ${id}.`, { code: "unknown_site" });
  return site;
}

/** The sites a caller may see: every site for the admin, the key's own for a read key. */
export async function sitesFor(ctx: Ctx): Promise<Site[]> {
  if (ctx.principal.admin) return allSites(ctx.env);
  const own = ctx.principal.site ? await siteById(ctx.env, ctx.principal.site, ctx.now) : null;
  return own ? [own] : [];
}

const KEY_PREFIX: Record<KeyKind, string> = { write: "wk_", read: "rk_", identity: "is_" };

export function randomKey(kind: KeyKind): string {
  const b = crypto.getRandomValues(new Uint8Array(24));
  return KEY_PREFIX[kind] + btoa(String.fromCharCode(...b)).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export interface NewKeys {
  write_key: string;
  read_key: string;
  identity_secret: string;
}

export async function createSite(ctx: Ctx, body: v.InferOutput<typeof CreateSite>): Promise<{ site: Site; keys: NewKeys }> {
  requireAdmin(ctx.principal);
  const id = body.id ?? crypto.randomUUID().slice(0, 8);
  const keys = { write_key: randomKey("write"), read_key: randomKey("read"), identity_secret: randomKey("identity") };
  const settings = Object.fromEntries(Object.entries(body.settings ?? {}).filter(([, value]) => value !== null));
  // The directory claims the id over every shard first; the site's row then goes to the shard it names.
  if (body.shard && !shardNames(ctx.env).includes(body.shard)) {
    throw new ApiError(400, `This Worker binds no shard ${body.shard}.`, { issues: [{ path: "shard", message: `one of ${shardNames(ctx.env).join(", ")}` }] });
  }
  const shard = await placeSite(ctx.env, id, ctx.now, body.shard);
  const taken = () => new ApiError(409, `Site ${id} exists already.`, { code: "site_exists" });
  if (!shard) throw taken();
  // A row that cannot be written gives the id back, so that a retry can take it.
  const written = await insertSite(shardDb(ctx.env, shard), { id, name: body.name, domains: body.domains, settings, created_at: ctx.now, shard, ...keys }).catch(async (err: unknown) => {
    await unclaimSite(ctx.env.DB, id, shard);
    throw err;
  });
  if (!written) {
    await unclaimSite(ctx.env.DB, id, shard);
    throw taken();
  }
  return { site: (await getSite(shardDb(ctx.env, shard), id))!, keys };
}

export async function patchSite(ctx: Ctx, id: string, change: v.InferOutput<typeof PatchSite>): Promise<Site> {
  requireAdmin(ctx.principal);
  const site = await siteFor(ctx, id);
  await updateSite(dbOfSite(ctx.env, site), site.id, change);
  forgetCachedSite(site.id);
  return (await getSite(dbOfSite(ctx.env, site), site.id))!;
}

/** Deletes the site and everything stored about it: profiles, events, touches, stats, webhooks, sessions, and (once
 *  the response is sent) its archived events in R2. */
export async function deleteSite(ctx: Ctx, id: string): Promise<void> {
  requireAdmin(ctx.principal);
  // By the directory, not the site's row: a deletion that failed after its shard forgot the site is finished here.
  const shard = (await shardOfSite(ctx.env.DB, id)) ?? (await siteById(ctx.env, id, ctx.now))?.shard;
  if (!shard) throw new ApiError(404, `Unknown site ${id}.`, { code: "unknown_site" });
  await deleteRows(shardDb(ctx.env, shard), id);
  await releaseSite(ctx.env.DB, id);
  forgetCachedSite(id);
  forgetCachedShard(id);
  ctx.later(deleteSiteArchive(ctx.env.ARCHIVE, id).catch((err: Error) => console.error("archive of a deleted site left behind", id, err.message)));
}

/** A new key of one kind; the old one stops working (dashboard sessions opened with an old read key end too). */
export async function rotateKey(ctx: Ctx, id: string, kind: KeyKind): Promise<string> {
  requireAdmin(ctx.principal);
  const site = await siteFor(ctx, id);
  const key = randomKey(kind);
  await replaceKey(dbOfSite(ctx.env, site), site.id, kind, key);
  forgetCachedSite(site.id);
  return key;
}
