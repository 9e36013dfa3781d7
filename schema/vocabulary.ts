// Pista's vocabulary: every word of the domain that code, SQL, the API and the dashboard share is defined here once.
// Validation schemas (valibot picklists), SQL column lists and dashboard labels derive from these lists; nothing
// else spells them out. Plain data only, so the snippet can import types from here at zero bytes.

/** A profile's lifecycle (DESIGN "Stages"): visitor → lead (identified) → mql (qualified) → sql/customer (set by the CRM). */
export const STAGE_LABELS = {
  visitor: "Visitor",
  lead: "Lead",
  mql: "MQL",
  sql: "SQL",
  customer: "Customer",
} as const;
export type Stage = keyof typeof STAGE_LABELS;
export const STAGES = Object.keys(STAGE_LABELS) as Stage[];

/** The stages a CRM sets; the scorer never takes a profile out of them. */
export const CRM_STAGES = ["sql", "customer"] as const satisfies readonly Stage[];

/** Fit grades, A best; F is below E's threshold. */
export const GRADES = ["A", "B", "C", "D", "E", "F"] as const;
export type Grade = (typeof GRADES)[number];

/** Lead quality (pseudo-leads are flagged, never silently dropped). */
export const QUALITY_STATUSES = ["valid", "suspect", "junk"] as const;
export type QualityStatus = (typeof QUALITY_STATUSES)[number];

/** What a CRM says became of a lead (CONTRACT §9). */
export const DISPOSITION_LABELS = {
  junk: "Junk",
  not_a_fit: "Not a fit",
  won: "Won",
  lost: "Lost",
} as const;
export type Disposition = keyof typeof DISPOSITION_LABELS;
export const DISPOSITIONS = Object.keys(DISPOSITION_LABELS) as Disposition[];

/** Attribution models (CONTRACT §5), with the names the dashboard shows. */
export const MODEL_LABELS = {
  first_touch: "First touch",
  last_touch: "Last touch",
  last_non_direct: "Last non-direct",
  linear: "Linear",
  time_decay: "Time decay",
  position_based: "Position-based",
  markov: "Markov chain",
  shapley: "Shapley value",
} as const;
export type Model = keyof typeof MODEL_LABELS;
export const MODELS = Object.keys(MODEL_LABELS) as Model[];
export const DEFAULT_MODEL: Model = "last_non_direct";

/** What attribution and reports group touches by. */
export const GROUPING_LABELS = { channel: "Channel", source: "Source", campaign: "Campaign" } as const;
export type GroupBy = keyof typeof GROUPING_LABELS;
export const GROUPINGS = Object.keys(GROUPING_LABELS) as GroupBy[];

/** Conversions counted once per profile when a stage is first reached; any other conversion name is a custom event. */
export const STAGE_CONVERSIONS = ["lead", "mql", "sql", "customer"] as const satisfies readonly Stage[];
export type StageConversion = (typeof STAGE_CONVERSIONS)[number];
export const CONVERSION_KINDS = [...STAGE_CONVERSIONS, "event"] as const;
export type ConversionKind = (typeof CONVERSION_KINDS)[number];
export const isStageConversion = (name: string): name is StageConversion => (STAGE_CONVERSIONS as readonly string[]).includes(name);

/** The snippet's event kinds (schema/wire.ts); Segment adds `alias`; the scorer adds `session_start`. The snippet sends
 *  link clicks as `click`; the collector classifies them as outbound, download, mailto or tel (core/link-kind.ts). */
export const WIRE_KINDS = ["pageview", "click", "outbound", "download", "mailto", "tel", "form", "track", "identify", "engage"] as const;
export type WireKind = (typeof WIRE_KINDS)[number];
export const EVENT_TYPES = [...WIRE_KINDS, "alias"] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const SCORING_EVENT_TYPES = [...WIRE_KINDS, "session_start"] as const;

/** Where an event came in. */
export const EVENT_ORIGINS = ["snippet", "segment"] as const;

/** Identifiers that resolve to a profile. */
export const IDENTITY_KINDS = ["anonymous", "user", "email", "phone"] as const;
export type IdentityKind = (typeof IDENTITY_KINDS)[number];

/** Webhook event types (CONTRACT §7 and §10), in the order the dashboard lists them. */
export const WEBHOOK_EVENT_TYPES = [
  "profile.identified",
  "profile.stage_changed",
  "profile.qualified",
  "profile.merged",
  "profile.deleted",
  /** the CRM's verdict changed: contacted, disposition, deal (PATCH) */
  "profile.updated",
  /** routing (or a PATCH) gave the lead an owner (docs/ROUTING.md) */
  "profile.assigned",
  /** the owner did not contact the lead within the follow-up window: sent once, and escalated */
  "profile.follow_up_overdue",
  /** "send a test event": to one endpoint on request, whatever it subscribes to; a sample profile, never a person */
  "webhook.test",
  /** an account's summed score crossed settings.account_mql_min_score: once per crossing (docs/ACCOUNTS.md) */
  "account.qualified",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export const TEST_EVENT_TYPE = "webhook.test" satisfies WebhookEventType;
/** What an endpoint may subscribe to: every type but the test event, which is only ever sent on request. */
export const SUBSCRIBABLE_EVENT_TYPES = WEBHOOK_EVENT_TYPES.filter((t): t is Exclude<WebhookEventType, typeof TEST_EVENT_TYPE> => t !== TEST_EVENT_TYPE);
/** Transitions the consumer and the replans record (a deletion is recorded by the erasure itself). */
export type TransitionType = Exclude<WebhookEventType, "profile.deleted" | typeof TEST_EVENT_TYPE>;

/**
 * Where the delivery pipeline sends (outbox → deliveries → attempts): CRM webhooks, alerts to people in Slack or
 * Teams, and stages reached to Meta's Conversions API. Each kind chooses its targets at fan-out and renders its own
 * request (worker/core/delivery/).
 */
export const ENDPOINT_KINDS = ["webhook", "slack", "teams", "meta"] as const;
export type EndpointKind = (typeof ENDPOINT_KINDS)[number];
/** The kinds that alert a person (an owner of the site's routing), with the names the dashboard shows. */
export const ALERT_KIND_LABELS = { slack: "Slack", teams: "Microsoft Teams" } as const satisfies Partial<Record<EndpointKind, string>>;
export type AlertKind = keyof typeof ALERT_KIND_LABELS;
export const ALERT_KINDS = Object.keys(ALERT_KIND_LABELS) as AlertKind[];
/** What an alert is about: an assignment, an overdue follow-up, an account that qualified, or a test (the one test event, sent to one endpoint). */
export const ALERT_TYPES = ["profile.assigned", "profile.follow_up_overdue", "account.qualified", TEST_EVENT_TYPE] as const satisfies readonly WebhookEventType[];
export type AlertType = (typeof ALERT_TYPES)[number];

/**
 * How a person refused marketing: the Global Privacy Control signal, or consent denied (the snippet's
 * `pista('consent','denied')`, a Segment consent object without advertising). Such a person is never sent to an ad
 * platform (docs/AD-PLATFORMS.md).
 */
export const REFUSAL_SIGNALS = ["gpc", "consent"] as const;
export type RefusalSignal = (typeof REFUSAL_SIGNALS)[number];

/** A person's part in a company's buying committee, read from their job title (docs/ACCOUNTS.md), with its label. */
export const COMMITTEE_ROLE_LABELS = {
  decision_maker: "Decision maker",
  influencer: "Influencer",
  user: "User",
} as const;
export type CommitteeRole = keyof typeof COMMITTEE_ROLE_LABELS;
export const COMMITTEE_ROLES = Object.keys(COMMITTEE_ROLE_LABELS) as CommitteeRole[];

/** The stage at which routing gives a profile an owner (CONTRACT §10 `assign_at`). */
export const ASSIGN_STAGES = ["lead", "mql"] as const satisfies readonly Stage[];
export type AssignStage = (typeof ASSIGN_STAGES)[number];

/** A follow-up deadline's life: waiting → met (contacted in time) | overdue (escalated once) | dropped (owner changed). */
export const FOLLOW_UP_STATUSES = ["waiting", "met", "overdue", "dropped"] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** A webhook delivery's life: pending (attempts left) → delivered | failed (schedule exhausted, replayable) | dead. */
export const DELIVERY_STATUSES = ["pending", "delivered", "failed", "dead"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Why ingest refused events, as counted in stats (`dropped.<reason>`); internal_link is a click on a link within the
 *  site, which the snippet leaves to the collector to tell apart from an outbound one. */
export const DROP_REASONS = ["bot", "invalid", "origin_not_allowed", "rate_limited", "unknown_site", "internal_link"] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/**
 * A site's keys: the write key (Segment API, server to server), the secret read key (read-only API, dashboard) and the
 * identity secret its server signs identify calls with (user_hash). The snippet needs none of them: it names the site.
 */
export const KEY_KINDS = ["write", "read", "identity"] as const;
export type KeyKind = (typeof KEY_KINDS)[number];

/** GA4's default channel groups (CONTRACT §6), plus "AI Assistant" for chat-assistant referrers. */
export const CHANNELS = ["Direct", "Organic Search", "Paid Search", "Organic Social", "Paid Social", "Email",
  "Referral", "Display", "Affiliates", "Organic Video", "Paid Video", "Organic Shopping", "Paid Shopping",
  "Paid Other", "Cross-network", "Audio", "SMS", "Mobile Push Notifications", "Unassigned", "AI Assistant"] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * The profiles table, column by column, in order (columns added by later migrations come last). The store's reads and
 * writes are generated from this list, and a test checks that schema/migrations create exactly these columns.
 * Everything else about a person lives in `doc`.
 */
export const PROFILE_COLUMNS = {
  id: "TEXT",
  site: "TEXT",
  user_id: "TEXT",
  email: "TEXT",
  phone: "TEXT",
  /** e-mail, name and company in lower case, for the lists' search (q=) */
  search: "TEXT",
  stage: "TEXT",
  label: "TEXT",
  grade: "TEXT",
  quality: "TEXT",
  /** the score's time-invariant order (worker/core/scoring/score-key.ts) */
  score_sign: "INTEGER",
  score_rank: "REAL",
  /** the first touch, for the channel, source and campaign filters */
  first_channel: "TEXT",
  first_source: "TEXT",
  first_campaign: "TEXT",
  doc: "TEXT",
  first_seen: "INTEGER",
  last_seen: "INTEGER",
  updated_at: "INTEGER",
  seq: "INTEGER",
  /** who works the lead (routing), since when, and when they first contacted the person */
  owner_id: "TEXT",
  assigned_at: "INTEGER",
  contacted_at: "INTEGER",
  /** the company the person belongs to (accounts) */
  account_id: "TEXT",
  /** the CRM's verdict, and the deal won: counted per source in the money report */
  disposition: "TEXT",
  deal_amount: "REAL",
  deal_currency: "TEXT",
} as const;
export type ProfileColumn = keyof typeof PROFILE_COLUMNS;

/** Keyset positions of the paged lists; a cursor is one of these, encoded. */
export interface CursorShapes {
  /** the updated_since feed and the unsorted list: the site's change sequence */
  feed: { seq: number };
  /** sorted by score: the key of the last row, then its id */
  score: { sign: number; rank: number; id: string };
  /** newest first (events, deliveries): time, then id */
  time: { at: number; id: string };
}

/**
 * Where a fact about a person came from, weakest first: a browser's unverified claim, an identify the site's own
 * server signed (user_hash), a server-to-server call (Segment API), the CRM (PATCH). A browser's claim never
 * overwrites what a stronger source said, and never links two devices (docs/IDENTITY.md).
 */
export const PROVENANCES = ["browser", "verified", "server", "crm"] as const;
export type Provenance = (typeof PROVENANCES)[number];
/** What an event can carry (the CRM speaks through PATCH, not events). */
export const EVENT_TRUST = ["browser", "verified", "server"] as const satisfies readonly Provenance[];
export type EventTrust = (typeof EVENT_TRUST)[number];

/** Money (CONTRACT §11, docs/MONEY.md): a site reports in `settings.currency`, EUR unless set. */
export const DEFAULT_CURRENCY = "EUR";

/** The columns of a cost import, in the order of its CSV header. */
export const COST_COLUMNS = ["date", "source", "medium", "campaign", "amount", "currency"] as const;
export type CostColumn = (typeof COST_COLUMNS)[number];

/**
 * The channel report's columns per key (CONTRACT §11 and the extras after `junk_share`), with the names the dashboard
 * shows and how each reads: a count credited by the model, money in the reporting currency, a ratio, or days.
 */
export const CHANNEL_METRICS = {
  sessions: { label: "Sessions", kind: "count" },
  visitors: { label: "Visitors", kind: "count" },
  leads: { label: "Leads", kind: "credit" },
  mqls: { label: "MQLs", kind: "credit" },
  sqls: { label: "SQLs", kind: "credit" },
  customers: { label: "Customers", kind: "credit" },
  orders: { label: "Orders", kind: "credit" },
  revenue: { label: "Revenue", kind: "money" },
  cost: { label: "Cost", kind: "money" },
  cost_per_lead: { label: "Cost per lead", kind: "money" },
  cac: { label: "CAC", kind: "money" },
  roas: { label: "ROAS", kind: "multiple" },
  lead_rate: { label: "Lead rate", kind: "share" },
  junk_share: { label: "Junk", kind: "share" },
  mql_rate: { label: "Lead → MQL", kind: "share" },
  sql_rate: { label: "MQL → SQL", kind: "share" },
  customer_rate: { label: "SQL → customer", kind: "share" },
  median_days_to_lead: { label: "Days to lead", kind: "days" },
  median_days_to_customer: { label: "Days to customer", kind: "days" },
} as const satisfies Record<string, { label: string; kind: "count" | "credit" | "money" | "multiple" | "share" | "days" }>;
export type ChannelMetric = keyof typeof CHANNEL_METRICS;
export const CHANNEL_METRIC_NAMES = Object.keys(CHANNEL_METRICS) as ChannelMetric[];
