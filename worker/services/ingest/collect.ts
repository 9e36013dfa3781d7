// POST /collect: a snippet batch → validated, enriched, normalised events on the EVENTS queue, as named steps.
import { envOfSite } from "../../shards";
import * as v from "valibot";
import type { CollectedEvent } from "../../../schema/event";
import { LIMITS, WireEnvelope, WireEvent } from "../../../schema/wire";
import { normalizeEvent } from "../../core/events/normalize";
import { originVerdict } from "../../core/events/origin";
import { batchRefusal } from "../../core/events/refusal";
import { isDevelopment, type Env } from "../../env";
import { ApiError, type Issue } from "../../errors";
import type { Site } from "../../store/sites";
import { issuesOf, limitedText, parsedJson, validated } from "../../validate";
import { isDrop, parsing, refuse, runSteps, type Counting, type Drop, type Step } from "./pipeline";
import { clientKey, rateLimited, withinRate } from "./rate-limit";
import { findSite } from "./site-lookup";
import { countLater } from "./stats-buffer";
import { botDrop, cookielessId, enqueueEvents, enrichment, requestFacts, siteContext, type RequestFacts } from "./steps";
import { wireInput } from "./wire";

export interface CollectResult {
  accepted: number;
  dropped?: Record<string, number>;
  rejected?: { index: number; issues: Issue[] }[];
}

interface State extends Counting {
  req: Request;
  env: Env;
  now: number;
  facts: RequestFacts;
  batch?: WireEnvelope;
  site?: Site;
  valid: WireEvent[];
  rejected: { index: number; issues: Issue[] }[];
  events: CollectedEvent[];
}


const STEPS: Step<State>[] = [
  {
    name: "read the batch",
    run: async (s) => {
      const text = await limitedText(s.req, LIMITS.bodyBytes).catch((err: unknown) => err);
      if (text instanceof ApiError) return refuse("invalid", null, 1, text);
      if (typeof text !== "string") throw text;
      const batch = parsing(null, 1, () => validated(WireEnvelope, parsedJson(text), "batch"));
      return isDrop(batch) ? batch : { ...s, batch };
    },
  },
  {
    name: "find the site",
    run: async (s) => {
      const found = await findSite(s.env, { id: s.batch!.s }, clientKey(s.req), s.now);
      if (found === "blocked") return refuse("rate_limited", null, s.batch!.e.length, rateLimited());
      if (!found) return refuse("unknown_site", null, s.batch!.e.length, new ApiError(404, `Unknown site ${s.batch!.s}.`, { code: "unknown_site" }));
      return { ...s, site: found };
    },
  },
  {
    name: "limit the client",
    run: async (s) => (await withinRate(s.env, s.env.COLLECT_LIMITER, `${s.site!.id}:${clientKey(s.req)}`))
      ? s
      : refuse("rate_limited", s.site!.id, s.batch!.e.length, rateLimited()),
  },
  {
    name: "validate the events",
    run: (s) => {
      const valid: WireEvent[] = [];
      const rejected: State["rejected"] = [];
      s.batch!.e.forEach((raw, index) => {
        const r = v.safeParse(WireEvent, raw);
        if (r.success) valid.push(r.output);
        else rejected.push({ index, issues: issuesOf(r.issues).map((i) => ({ ...i, path: `e.${index}${i.path ? "." + i.path : ""}` })) });
      });
      const counts = [...s.counts, { site: s.site!.id, metric: "dropped:invalid", n: rejected.length }];
      return { ...s, valid, rejected, counts };
    },
  },
  {
    name: "check the origin",
    run: (s) => {
      const verdict = originVerdict({
        origin: s.facts.origin, pageUrls: s.valid.map((e) => e.u), domains: s.site!.domains,
        allowOpaque: s.site!.settings.allow_opaque_origins, development: isDevelopment(s.env),
      });
      if (verdict.ok) return s;
      const error = new ApiError(403, `Origin ${verdict.origin} is not allowed for site ${s.site!.id}; add its host to the site's domains.`, { code: "origin_not_allowed" });
      return refuse("origin_not_allowed", s.site!.id, s.valid.length, error, [{ site: s.site!.id, metric: `refused_origin:${verdict.origin}`, n: s.valid.length }]);
    },
  },
  {
    name: "keep what is valid",
    run: (s) => s.valid.length > 0
      ? s
      : refuse("invalid", s.site!.id, 0, new ApiError(400, "No event in the batch is valid.", { issues: s.rejected.flatMap((r) => r.issues) })),
  },
  {
    name: "drop bots",
    run: (s): State | Drop => {
      const bot = botDrop(s.facts, { development: isDevelopment(s.env) });
      return bot ? { drop: "bot", site: s.site!.id, n: s.valid.length } : s;
    },
  },
  {
    name: "normalise",
    run: async (s) => {
      const batch = s.batch!;
      // Global Privacy Control is honoured here too, whatever the page's script sent: no stored id, no identity.
      const refused = batchRefusal({ gpc: s.facts.headers.get("sec-gpc") === "1", c: batch.c });
      const cookieless = refused !== null || batch.a === undefined;
      const anonymousId = cookieless
        ? await cookielessId({ secret: s.env.HASH_SECRET ?? s.env.ADMIN_TOKEN ?? "pista", site: s.site!.id, ip: s.facts.ip, userAgent: s.facts.userAgent, now: s.now })
        : batch.a!;
      const context = { site: siteContext(s.site!), enrichment: enrichment(s.facts), receivedAt: s.now };
      const identitySecret = s.site!.identity_secret;
      // A refusing batch that still names the device's id: the refusal is recorded on that person (nothing else is).
      const refusal = refused ? { refused, refusedId: batch.a } : {};
      const inputs = await Promise.all(s.valid.map((e) => wireInput(e, batch, { anonymousId, cookieless, receivedAt: s.now, identitySecret, refusal })));
      // Clicks on links within the site are sent for the collector to classify (core/events/link-kind.ts) and end here.
      const events = inputs.flatMap((input) => (input ? [normalizeEvent(input, context)] : []));
      return { ...s, events, counts: [...s.counts, { site: s.site!.id, metric: "dropped:internal_link", n: inputs.length - events.length }] };
    },
  },
  {
    name: "enqueue",
    run: async (s) => {
      if (s.events.length) await enqueueEvents(envOfSite(s.env, s.site!).EVENTS, s.events);
      return { ...s, counts: [...s.counts, { site: s.site!.id, metric: "accepted", n: s.events.length }] };
    },
  },
];

export async function collect(req: Request, env: Env, ctx: { waitUntil(p: Promise<unknown>): void }, now: number): Promise<CollectResult> {
  const initial: State = { req, env, now, facts: requestFacts(req), valid: [], rejected: [], events: [], counts: [] };
  const done = await runSteps(initial, STEPS, (deltas) => countLater(ctx, env.DB, deltas, now));
  if (isDrop(done)) {
    if (done.error) throw done.error;
    return { accepted: 0, dropped: { [done.drop]: done.n } };
  }
  return { accepted: done.events.length, ...(done.rejected.length ? { rejected: done.rejected } : {}) };
}
