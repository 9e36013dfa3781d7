// Request shapes of the ad-platform destinations (CONTRACT §12): the Google Ads offline-conversion file's query and
// the Meta Conversions API destination of a site. docs/AD-PLATFORMS.md documents both.
import * as v from "valibot";
import { commaList, intString, SiteId } from "./api";
import { STAGE_CONVERSIONS, type StageConversion } from "./vocabulary";

/** The stages an ad platform is told about: reaching lead, mql, sql or customer (each once per person). */
export const AD_STAGES = STAGE_CONVERSIONS;
export type AdStage = StageConversion;

/** What Google Ads imports by default: qualified stages only (a form fill alone is what the ads already optimise for). */
export const DEFAULT_GOOGLE_ADS_STAGES: readonly AdStage[] = ["mql", "sql", "customer"];

/** A conversion action's name as created in Google Ads (matched exactly); no line breaks. */
const ConversionName = v.pipe(v.string(), v.trim(), v.minLength(1, "a conversion name"), v.maxLength(100), v.regex(/^[^\r\n]+$/, "one line"));

/** GET /api/v1/exports/google-ads.csv */
export const GoogleAdsQuery = v.strictObject({
  site: SiteId,
  stages: v.optional(commaList(AD_STAGES)),
  /** the conversion action each stage is imported as (defaults in core/ads/google-ads.ts) */
  name_lead: v.optional(ConversionName),
  name_mql: v.optional(ConversionName),
  name_sql: v.optional(ConversionName),
  name_customer: v.optional(ConversionName),
  /** conversions of the last N days (Google Ads takes clicks up to 90 days old) */
  days: v.optional(intString(1, 90)),
});
export type GoogleAdsQuery = v.InferOutput<typeof GoogleAdsQuery>;

/** Meta's event names: a standard event (Lead, Purchase, …) or a custom one; letters, digits, spaces, _ and -. */
const MetaEventName = v.pipe(v.string(), v.trim(), v.minLength(1, "an event name"), v.maxLength(50), v.regex(/^[\w -]+$/, "letters, digits, spaces, _ and - only"));

/** stage → event name; only lead, mql, sql and customer, at least one. */
const MetaStages = v.pipe(
  v.record(v.string(), MetaEventName),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const stages = dataset.value;
    for (const key of Object.keys(stages)) {
      if (!(AD_STAGES as readonly string[]).includes(key)) {
        addIssue({
          message: `not a stage: one of ${AD_STAGES.join(", ")}`,
          path: [{ type: "object", origin: "key", input: stages, key, value: stages[key] }],
        });
      }
    }
    if (Object.keys(stages).length === 0) addIssue({ message: `name at least one stage: ${AD_STAGES.join(", ")}` });
  }),
);

/** PUT /api/v1/sites/{id}/destinations/meta */
export const MetaDestinationInput = v.strictObject({
  /** the pixel (dataset) id from Meta Events Manager */
  pixel_id: v.pipe(v.string("the pixel id from Events Manager, as a string of digits"), v.trim(), v.regex(/^\d{5,32}$/, "the pixel id: digits only")),
  /** a Conversions API access token generated in Events Manager (never shown again) */
  access_token: v.pipe(v.string("a Conversions API access token"), v.trim(), v.minLength(20, "a Conversions API access token"), v.maxLength(1024), v.regex(/^\S+$/, "no spaces")),
  stages: MetaStages,
  /** Events Manager's Test events code: events go to its Test events tab only (null: live) */
  test_event_code: v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(64), v.regex(/^\w*$/, "letters and digits only")))),
  /** the Graph API version */
  api_version: v.optional(v.pipe(v.string(), v.regex(/^v\d{1,2}\.\d$/, "a Graph API version such as v21.0"))),
});
export type MetaDestinationInput = v.InferOutput<typeof MetaDestinationInput>;
export type MetaStageNames = Partial<Record<AdStage, string>>;
