// Request shapes of the management and read API (CONTRACT §5).
import * as v from "valibot";
import { MAX_VALUE_DEPTH, maxDepth } from "./depth";
import { COST_COLUMNS, DISPOSITIONS, GROUPINGS, KEY_KINDS, MODELS, QUALITY_STATUSES, STAGES } from "./vocabulary";

const siteId = v.pipe(v.string(), v.minLength(1), v.maxLength(64), v.regex(/^[a-z0-9][a-z0-9_-]*$/i, "letters, digits, _ and - only"));
export const intString = (min: number, max: number) =>
  v.pipe(v.string(), v.regex(/^\d+$/, "a whole number"), v.transform(Number), v.number(), v.minValue(min), v.maxValue(max));
const isoTime = v.pipe(
  v.string(),
  v.check((s) => !Number.isNaN(Date.parse(s)), "an ISO-8601 time"),
  v.transform((s) => Date.parse(s)),
);

/**
 * A bound on a time: an ISO-8601 time, or a UTC date. As an upper bound (`end`) a date means the end of that day, so
 * `first_seen_to=2026-01-31` includes the 31st.
 */
const timeBound = (end: boolean) =>
  v.pipe(
    v.string(),
    v.check((s) => !Number.isNaN(Date.parse(s)), "an ISO-8601 time or a date such as 2026-01-31"),
    v.transform((s) => Date.parse(s) + (end && /^\d{4}-\d{2}-\d{2}$/.test(s) ? 86_400_000 - 1 : 0)),
  );

export const SiteId = siteId;

/** An ISO 4217 currency code, upper-cased. */
const currencyCode = v.pipe(v.string(), v.trim(), v.toUpperCase(), v.regex(/^[A-Z]{3}$/, "a three-letter ISO 4217 currency code, such as EUR"));

/** Exchange rates into the site's reporting currency: {"USD": 0.92} = 0.92 reporting units per US dollar (null removes one). */
const FxRates = v.pipe(
  v.record(v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, "a three-letter ISO 4217 currency code in capitals, such as USD")), v.nullable(v.pipe(v.number(), v.finite(), v.gtValue(0, "a rate above 0"), v.maxValue(1e9)))),
  v.check((r) => Object.keys(r).length <= 200, "at most 200 rates"),
);

/** "a,b" → ["a","b"], each one of `allowed`. */
export function commaList<T extends string>(allowed: readonly T[]) {
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
  /** the currency reports are in (docs/MONEY.md); EUR when not set */
  currency: v.optional(v.nullable(currencyCode)),
  /** rates of other currencies into `currency`, merged key by key */
  fx: v.optional(v.nullable(FxRates)),
  /** an account's summed score at which it qualifies (account.qualified), and how far below it must fall to qualify again */
  account_mql_min_score: v.optional(v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0.01), v.maxValue(1e6)))),
  account_mql_hysteresis: v.optional(v.nullable(v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(1e6)))),
});

export const CreateSite = v.strictObject({
  id: v.optional(siteId),
  name: SiteName,
  domains: Domains,
  settings: v.optional(SiteSettingsInput),
  /** the D1 binding to keep the site in (admin; default: the open shard with the fewest sites) */
  shard: v.optional(v.pipe(v.string(), v.regex(/^DB(_[A-Za-z0-9]+)?$/, "a shard's D1 binding: DB, DB_2 …"))),
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
  /** with sort=score: the page before this position (a list's prev_cursor) */
  before: v.optional(v.pipe(v.string(), v.maxLength(200))),
  limit: v.optional(intString(1, 500)),
  /** part of the e-mail, name or company, any case */
  q: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200))),
  quality: v.optional(commaList(QUALITY_STATUSES)),
  identified: v.optional(v.pipe(v.picklist(["true", "false"]), v.transform((s) => s === "true"))),
  channel: v.optional(v.pipe(v.string(), v.maxLength(64))),
  source: v.optional(v.pipe(v.string(), v.maxLength(256))),
  campaign: v.optional(v.pipe(v.string(), v.maxLength(256))),
  /** first seen (acquired) and last seen (active) within a range, inclusive */
  first_seen_from: v.optional(timeBound(false)),
  first_seen_to: v.optional(timeBound(true)),
  last_seen_from: v.optional(timeBound(false)),
  last_seen_to: v.optional(timeBound(true)),
  /** an owner id of the site's routing, or "none" for leads nobody owns */
  owner: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64))),
  /** assigned, not contacted, and past the routing's follow-up window */
  overdue: v.optional(v.pipe(v.literal("true", 'only "true"'), v.transform(() => true as const))),
  /** the feed also lists ids that stopped existing (erased or merged away) as tombstones, each once */
  include_deleted: v.optional(v.pipe(v.picklist(["true", "false"]), v.transform((s) => s === "true"))),
  /** an account id (CONTRACT §13): its people */
  account: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64))),
});
export type ProfileQuery = v.InferOutput<typeof ProfileQuery>;

export const PageQuery = v.strictObject({
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200))),
  limit: v.optional(intString(1, 500)),
});

/** An ISO 4217 currency code, upper-cased. */
export const Currency = currencyCode;

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

/** GET /api/v1/reports/dispositions: the CRM's verdicts per first-touch channel, source or campaign. */
export const DispositionReportQuery = v.strictObject({ ...v.pick(AttributionQuery, ["site", "group_by", "from", "to"]).entries });
/** The report of channels, sources or campaigns with money (CONTRACT §11): the attribution question without `conversion`. */
export const ChannelReportQuery = v.omit(AttributionQuery, ["conversion"]);

const costDay = v.pipe(
  v.string(),
  v.isoDate("a date such as 2026-01-31"),
  // 2026-02-30 passes isoDate and parses (as 2 March); text that does not parse at all is isoDate's to name.
  v.check((s) => {
    const ms = Date.parse(`${s}T00:00:00Z`);
    return Number.isNaN(ms) || new Date(ms).toISOString().startsWith(s);
  }, "a date that exists"),
);
const costText = (max: number) => v.pipe(v.string(), v.trim(), v.maxLength(max));

/** One day's cost of a source/medium/campaign (JSON import); medium and campaign may be left out, currency is the site's when absent. */
export const CostRow = v.strictObject({
  date: costDay,
  source: v.pipe(costText(256), v.minLength(1, "a source, as in utm_source (google, facebook, …)")),
  medium: v.optional(v.nullable(costText(256))),
  campaign: v.optional(v.nullable(costText(256))),
  amount: v.pipe(v.number(), v.finite(), v.minValue(0, "an amount of 0 or more"), v.maxValue(1e12)),
  /** checked against the site's currency and rates by the import (worker/core/money/cost-import.ts) */
  currency: v.optional(v.nullable(costText(16))),
});
export type CostRow = v.InferOutput<typeof CostRow>;

/** The most rows one import takes. */
export const MAX_COST_ROWS = 50_000;

export const CostImport = v.strictObject({
  rows: v.pipe(v.array(CostRow), v.minLength(1, "at least one row"), v.maxLength(MAX_COST_ROWS, `at most ${MAX_COST_ROWS} rows per import`)),
});

/** One CSV record by column name; the amount is text with a dot for decimals. */
export const CostCsvRecord = v.object({
  ...CostRow.entries,
  amount: v.pipe(v.string(), v.trim(), v.regex(/^\d+(\.\d+)?$/, "an amount such as 1234.50 (digits, a dot for decimals)"), v.transform(Number), v.maxValue(1e12)),
});

export const COST_CSV_HEADER = COST_COLUMNS.join(",");

export const CostsQuery = v.strictObject({ from: v.optional(isoTime), to: v.optional(isoTime) });
