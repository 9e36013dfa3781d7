// Request shapes of the management and read API (CONTRACT §5).
import * as v from "valibot";
import { MAX_VALUE_DEPTH, maxDepth } from "./depth";
import { DISPOSITIONS, GROUPINGS, KEY_KINDS, MODELS, QUALITY_STATUSES, STAGES } from "./vocabulary";

const siteId = v.pipe(v.string(), v.minLength(1), v.maxLength(64), v.regex(/^[a-z0-9][a-z0-9_-]*$/i, "letters, digits, _ and - only"));
const intString = (min: number, max: number) =>
  v.pipe(v.string(), v.regex(/^\d+$/, "a whole number"), v.transform(Number), v.number(), v.minValue(min), v.maxValue(max));
const isoTime = v.pipe(
  v.string(),
  v.check((s) => !Number.isNaN(Date.parse(s)), "an ISO-8601 time"),
  v.transform((s) => Date.parse(s)),
);

export const SiteId = siteId;

/** "a,b" → ["a","b"], each one of `allowed`. */
function commaList<T extends string>(allowed: readonly T[]) {
  return v.pipe(
    v.string(),
    v.transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean)),
    v.array(v.picklist(allowed, `one or more of ${allowed.join(", ")}, separated by commas`)),
    v.minLength(1, "at least one value"),
  );
}

const SiteName = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200));
const Domains = v.pipe(
  v.array(v.pipe(v.string(), v.trim(), v.toLowerCase(), v.regex(/^(\*\.)?[a-z0-9.-]+(:\d+)?$/, "a host name such as example.com"))),
  v.minLength(1),
  v.maxLength(50),
);

/** A site's settings; each key is optional when written, and null resets it to its default (DEFAULT_SETTINGS). */
export const SiteSettingsInput = v.strictObject({
  /** days raw events are kept (profiles keep their aggregates) */
  retention_days: v.optional(v.nullable(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(3650)))),
  /** referrer hosts that never start a touch (payment providers, your own other domains) */
  excluded_referrers: v.optional(v.nullable(v.pipe(v.array(v.pipe(v.string(), v.maxLength(253))), v.maxLength(200)))),
  /** accept beacons with `Origin: null` or none (pages served with Referrer-Policy: no-referrer, sandboxed iframes) */
  allow_opaque_origins: v.optional(v.nullable(v.boolean())),
  /** an account's summed score at which it qualifies (account.qualified), and how far below it must fall to qualify again */
  account_mql_min_score: v.optional(v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0.01), v.maxValue(1e6)))),
  account_mql_hysteresis: v.optional(v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1e6)))),
});

export const CreateSite = v.strictObject({
  id: v.optional(siteId),
  name: SiteName,
  domains: Domains,
  settings: v.optional(SiteSettingsInput),
});

export const PatchSite = v.pipe(
  v.strictObject({ name: v.optional(SiteName), domains: v.optional(Domains), settings: v.optional(SiteSettingsInput) }),
  v.check((b) => Object.keys(b).length > 0, "send at least one of name, domains, settings"),
);

export const RotateKey = v.strictObject({ key: v.picklist(KEY_KINDS) });

export const ProfileQuery = v.strictObject({
  site: siteId,
  email: v.optional(v.pipe(v.string(), v.maxLength(320))),
  anonymous_id: v.optional(v.pipe(v.string(), v.maxLength(128))),
  user_id: v.optional(v.pipe(v.string(), v.maxLength(256))),
  stage: v.optional(v.picklist(STAGES)),
  label: v.optional(v.pipe(v.string(), v.maxLength(64))),
  min_score: v.optional(v.pipe(v.string(), v.regex(/^-?\d+(\.\d+)?$/, "a number"), v.transform(Number))),
  updated_since: v.optional(isoTime),
  sort: v.optional(v.picklist(["updated", "score"])),
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
  limit: v.optional(intString(1, 500)),
  /** part of the e-mail, name or company, any case */
  q: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200))),
  quality: v.optional(commaList(QUALITY_STATUSES)),
  identified: v.optional(v.pipe(v.picklist(["true", "false"]), v.transform((s) => s === "true"))),
  channel: v.optional(v.pipe(v.string(), v.maxLength(64))),
  source: v.optional(v.pipe(v.string(), v.maxLength(256))),
  campaign: v.optional(v.pipe(v.string(), v.maxLength(256))),
  /** an owner id of the site's routing, or "none" for leads nobody owns */
  owner: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64))),
  /** assigned, not contacted, and past the routing's follow-up window */
  overdue: v.optional(v.pipe(v.literal("true", 'only "true"'), v.transform(() => true as const))),
  /** an account id (CONTRACT §13): its people */
  account: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64))),
});
export type ProfileQuery = v.InferOutput<typeof ProfileQuery>;

export const PageQuery = v.strictObject({
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
  limit: v.optional(intString(1, 500)),
});

/** An ISO 4217 currency code, upper-cased. */
export const Currency = v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^[A-Z]{3}$/, "a three-letter ISO 4217 currency code, such as EUR"));

export const Deal = v.strictObject({
  amount: v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1e12)),
  currency: Currency,
});

export const PatchProfile = v.pipe(
  v.strictObject({
    stage: v.optional(v.picklist(STAGES)),
    traits: v.optional(v.pipe(v.record(v.pipe(v.string(), v.minLength(1), v.maxLength(128)), v.unknown()), v.check((r) => Object.keys(r).length <= 100, "at most 100 traits"), maxDepth(MAX_VALUE_DEPTH))),
    /** when the person was first contacted (null: not yet); `contacted: true` means now */
    contacted_at: v.optional(v.nullable(isoTime)),
    contacted: v.optional(v.literal(true)),
    /** the deal won (null removes it) */
    deal: v.optional(v.nullable(Deal)),
    /** the CRM's verdict (null removes it) */
    disposition: v.optional(v.nullable(v.picklist(DISPOSITIONS))),
    /** an owner id of the site's routing (CONTRACT §10), or null to clear the owner */
    owner: v.optional(v.nullable(v.pipe(v.string(), v.minLength(1), v.maxLength(64)))),
  }),
  v.forward(v.check((p) => !(p.contacted && p.contacted_at !== undefined), "send contacted_at or contacted, not both"), ["contacted"]),
);

export const StatsQuery = v.strictObject({
  /** absent: the admin's view of what named no known site (unknown_site) */
  site: v.optional(siteId),
  from: v.optional(v.pipe(v.string(), v.isoDate("a date such as 2026-01-31"))),
  to: v.optional(v.pipe(v.string(), v.isoDate("a date such as 2026-01-31"))),
});

export const AttributionQuery = v.strictObject({
  site: siteId,
  model: v.optional(v.picklist(MODELS)),
  group_by: v.optional(v.picklist(GROUPINGS)),
  conversion: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(128))),
  from: v.optional(isoTime),
  to: v.optional(isoTime),
  half_life_days: v.optional(v.pipe(v.string(), v.regex(/^\d+(\.\d+)?$/, "a positive number"), v.transform(Number), v.minValue(0.01), v.maxValue(3650))),
});
