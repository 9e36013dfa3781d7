// A site's Meta Conversions API destination as people manage it (CONTRACT §12): read it (never the token), replace it
// (validated: 400 with issues), delete it. Its delivery log is the pipeline's (services/webhooks/subscriptions.ts).
// The JSON API and the dashboard call these.
import { dbOfSite } from "../../shards";
import * as v from "valibot";
import { MetaDestinationInput } from "../../../schema/destinations";
import type { ConfigIssue } from "../../../schema/scoring";
import { META_API_VERSION, metaConfigOf, type MetaConfig } from "../../core/ads/meta";
import { metaGraphUrlOf } from "../../env";
import { ApiError } from "../../errors";
import { deleteMetaEndpoint, metaEndpointOf, saveMetaEndpoint } from "../../store/destinations";
import type { Subscription } from "../../store/webhooks";
import { issuesOf } from "../../validate";
import { requireAdmin } from "../auth";
import type { Ctx } from "../context";
import { siteFor } from "../sites";

export interface MetaDestination {
  id: string;
  site: string;
  config: MetaConfig;
  /** the token's last four characters, so a person can tell which one is saved */
  token_hint: string;
  status: Subscription["status"];
  disabled_reason: string | null;
  created_at: number;
  updated_at: number;
}

function destinationOf(sub: Subscription): MetaDestination {
  return {
    id: sub.id, site: sub.site, config: metaConfigOf(sub.config), token_hint: sub.secret.slice(-4), status: sub.status,
    disabled_reason: sub.disabled_reason, created_at: sub.created_at, updated_at: sub.updated_at,
  };
}

/** The site's Meta destination, or null when it has none. */
export async function metaDestinationOf(ctx: Ctx, siteId: string): Promise<MetaDestination | null> {
  const site = await siteFor(ctx, siteId);
  const sub = await metaEndpointOf(dbOfSite(ctx.env, site), site.id);
  return sub ? destinationOf(sub) : null;
}

/** Like metaDestinationOf, but a 404 when there is none (the API's GET). */
export async function requiredMetaDestination(ctx: Ctx, siteId: string): Promise<MetaDestination> {
  const found = await metaDestinationOf(ctx, siteId);
  if (!found) throw new ApiError(404, `Site ${siteId} has no Meta destination; PUT one first.`);
  return found;
}

/**
 * Replaces the destination. Invalid input changes nothing and returns every problem by its path. `keepToken` (the
 * dashboard's form, whose token field is left empty to keep the saved one) uses the stored token when none is given.
 */
export async function saveMetaDestination(ctx: Ctx, siteId: string, input: unknown, o: { keepToken?: boolean } = {}): Promise<{ ok: true; destination: MetaDestination } | { ok: false; issues: ConfigIssue[] }> {
  requireAdmin(ctx.principal);
  const site = await siteFor(ctx, siteId);
  const stored = o.keepToken ? await metaEndpointOf(dbOfSite(ctx.env, site), site.id) : null;
  const body = stored && input && typeof input === "object" && !("access_token" in input) ? { ...input, access_token: stored.secret } : input;
  const parsed = v.safeParse(MetaDestinationInput, body);
  if (!parsed.success) return { ok: false, issues: issuesOf(parsed.issues) };
  const d = parsed.output;
  const config: MetaConfig = { pixel_id: d.pixel_id, stages: d.stages, test_event_code: d.test_event_code ?? null, api_version: d.api_version ?? META_API_VERSION };
  // The URL is shown in the delivery log; the request itself is built from META_GRAPH_URL at each attempt.
  const url = `${metaGraphUrlOf(ctx.env)}/${config.api_version}/${config.pixel_id}/events`;
  await saveMetaEndpoint(dbOfSite(ctx.env, site), { site: site.id, url, token: d.access_token, config: { ...config } }, ctx.now);
  return { ok: true, destination: (await metaDestinationOf(ctx, site.id))! };
}

export async function deleteMetaDestination(ctx: Ctx, siteId: string): Promise<void> {
  requireAdmin(ctx.principal);
  const site = await siteFor(ctx, siteId);
  if (!(await deleteMetaEndpoint(dbOfSite(ctx.env, site), site.id))) throw new ApiError(404, `Site ${site.id} has no Meta destination.`);
}
