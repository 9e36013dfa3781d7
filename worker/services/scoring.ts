// A site's scoring configuration: read it, and replace it (validated, versioned, every profile rescored through the queue).
import type { ConfigIssue, ScoringConfig } from "../../schema/scoring";
import { DEFAULT_SCORING, parseScoringConfig } from "../core/scoring";
import { forgetCachedSite, saveScoring } from "../store/sites";
import { requireAdmin } from "./auth";
import type { Ctx } from "./context";
import { siteFor } from "./sites";
import { dbOfSite, envOfSite } from "../shards";

export interface ScoringState {
  site: string;
  version: number;
  default: boolean;
  config: ScoringConfig;
}

export async function scoringOf(ctx: Ctx, siteId: string): Promise<ScoringState> {
  const site = await siteFor(ctx, siteId);
  return { site: site.id, version: site.scoring_version, default: site.scoring === DEFAULT_SCORING, config: site.scoring };
}

/** Invalid input changes nothing and returns every problem by its path. */
export async function saveScoringConfig(ctx: Ctx, siteId: string, input: unknown): Promise<{ ok: true; state: ScoringState } | { ok: false; issues: ConfigIssue[] }> {
  requireAdmin(ctx.principal);
  const site = await siteFor(ctx, siteId);
  const parsed = parseScoringConfig(input);
  if (!parsed.ok) return parsed;
  const version = await saveScoring(dbOfSite(ctx.env, site), site.id, parsed.config);
  forgetCachedSite(site.id);
  await envOfSite(ctx.env, site).EVENTS.send({ v: 1, rescore: { site: site.id, version, after: null } }, { contentType: "json" });
  return { ok: true, state: { site: site.id, version, default: false, config: parsed.config } };
}
