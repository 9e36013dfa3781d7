// POST /collect: a snippet batch → validated, enriched, normalised events on the EVENTS queue.
import * as v from "valibot";
import { LIMITS, WireEnvelope, WireEvent } from "../../schema/wire";
import { normalizeEvent } from "../core/normalize";
import type { Env } from "../env";
import { ApiError, type Issue } from "../errors";
import { cachedSite } from "../store/sites";
import { issuesOf, limitedText, parsedJson, validated } from "../validate";
import { countLater } from "./stats-buffer";
import { botDrop, checkOrigin, cookielessId, enqueueEvents, enrichment, requestFacts, siteContext } from "./steps";
import { checkRate, clientKey } from "./rate-limit";
import { wireInput } from "./wire";

export interface CollectResult {
  accepted: number;
  dropped?: Record<string, number>;
  rejected?: { index: number; issues: Issue[] }[];
}

export async function collect(req: Request, env: Env, ctx: { waitUntil(p: Promise<unknown>): void }, now: number): Promise<CollectResult> {
  const batch = validated(WireEnvelope, parsedJson(await limitedText(req, LIMITS.bodyBytes)), "batch");
  const site = await cachedSite(env.DB, batch.s, now);
  if (!site) throw new ApiError(404, `Unknown site ${batch.s}.`, { code: "unknown_site" });
  const facts = requestFacts(req);
  await checkRate(env, env.COLLECT_LIMITER, `${site.id}:${clientKey(req)}`);

  const valid: WireEvent[] = [];
  const rejected: CollectResult["rejected"] = [];
  batch.e.forEach((raw, index) => {
    const r = v.safeParse(WireEvent, raw);
    if (r.success) valid.push(r.output);
    else rejected.push({ index, issues: issuesOf(r.issues).map((i) => ({ ...i, path: `e.${index}${i.path ? "." + i.path : ""}` })) });
  });
  checkOrigin(site, facts, valid.map((e) => e.u));
  if (valid.length === 0) throw new ApiError(400, "No event in the batch is valid.", { issues: rejected.flatMap((r) => r.issues) });

  const bot = botDrop(facts, { development: env.ENVIRONMENT === "development" });
  if (bot) {
    countLater(ctx, env.DB, [{ site: site.id, metric: "dropped:bot", n: valid.length }, { site: site.id, metric: "dropped:invalid", n: rejected.length }], now);
    return { accepted: 0, dropped: { bot: valid.length } };
  }
  // Global Privacy Control is honoured here too, whatever the page's script sent: no stored id, no identity.
  const cookieless = batch.c === 1 || batch.a === undefined || facts.headers.get("sec-gpc") === "1";
  const anonymousId = cookieless
    ? await cookielessId({ secret: env.HASH_SECRET ?? env.ADMIN_TOKEN ?? "pista", site: site.id, ip: facts.ip, userAgent: facts.userAgent, now })
    : batch.a!;
  const context = { site: siteContext(site), enrichment: enrichment(facts), receivedAt: now };
  const inputs = valid.map((e) => wireInput(e, batch, { anonymousId, cookieless, receivedAt: now }));
  // Clicks on links within the site are sent for the collector to classify (core/link-kind.ts) and end here.
  const events = inputs.flatMap((input) => (input ? [normalizeEvent(input, context)] : []));
  const internal = inputs.length - events.length;
  if (events.length) await enqueueEvents(env.EVENTS, events);
  countLater(ctx, env.DB, [
    { site: site.id, metric: "accepted", n: events.length },
    { site: site.id, metric: "dropped:invalid", n: rejected.length },
    { site: site.id, metric: "dropped:internal_link", n: internal },
  ], now);
  return { accepted: events.length, ...(rejected.length ? { rejected } : {}) };
}
