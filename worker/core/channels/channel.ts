// GA4's default channel grouping, rule for rule and in order, plus "AI Assistant" for chat-assistant sources.
import { CHANNELS, type Channel } from "../../../schema/vocabulary";
import { sourceCategory, type SourceCategory } from "./source-category";

export { CHANNELS, type Channel };


interface Hit {
  source: string;
  medium: string;
  campaign: string;
  category: SourceCategory | null;
}

// Regexes and lists as GA4 documents them: https://support.google.com/analytics/answer/9756891
const PAID_MEDIUM = /^(.*cp.*|ppc|retargeting|paid.*)$/;
const SHOP_CAMPAIGN = /^(.*(([^a-df-z]|^)shop|shopping).*)$/;
const VIDEO_MEDIUM = /^(.*video.*)$/;
const DIRECT_MEDIUMS = ["(none)", "(not set)", ""];
const DISPLAY_MEDIUMS = ["display", "banner", "expandable", "interstitial", "cpm"];
const SOCIAL_MEDIUMS = ["social", "social-network", "social-media", "sm", "social network", "social media"];
const REFERRAL_MEDIUMS = ["referral", "app", "link"];
const EMAIL_NAMES = ["email", "e-mail", "e_mail", "e mail"];

const paid = (h: Hit) => PAID_MEDIUM.test(h.medium);
const shopping = (h: Hit) => h.category === "shopping" || SHOP_CAMPAIGN.test(h.campaign);

/** First match wins; the order is GA4's, with AI Assistant after the paid rules and before the organic ones. */
export const CHANNEL_RULES: ReadonlyArray<readonly [Channel, (h: Hit) => boolean]> = [
  ["Direct", (h) => h.source === "(direct)" && DIRECT_MEDIUMS.includes(h.medium)],
  ["Cross-network", (h) => h.campaign.includes("cross-network")],
  ["Paid Shopping", (h) => shopping(h) && paid(h)],
  ["Paid Search", (h) => h.category === "search" && paid(h)],
  ["Paid Social", (h) => h.category === "social" && paid(h)],
  ["Paid Video", (h) => h.category === "video" && paid(h)],
  ["Display", (h) => DISPLAY_MEDIUMS.includes(h.medium)],
  ["Paid Other", paid],
  ["AI Assistant", (h) => h.category === "ai"],
  ["Organic Shopping", shopping],
  ["Organic Social", (h) => h.category === "social" || SOCIAL_MEDIUMS.includes(h.medium)],
  ["Organic Video", (h) => h.category === "video" || VIDEO_MEDIUM.test(h.medium)],
  ["Organic Search", (h) => h.category === "search" || h.medium === "organic"],
  ["Referral", (h) => REFERRAL_MEDIUMS.includes(h.medium)],
  ["Email", (h) => EMAIL_NAMES.includes(h.source) || EMAIL_NAMES.includes(h.medium)],
  ["Affiliates", (h) => h.medium === "affiliate"],
  ["Audio", (h) => h.medium === "audio"],
  ["SMS", (h) => h.source === "sms" || h.medium === "sms"],
  ["Mobile Push Notifications", (h) =>
    h.medium.endsWith("push") || h.medium.includes("mobile") || h.medium.includes("notification") ||
    h.source === "firebase"],
];

/** GA4 default channel grouping, rule for rule and in order (case-insensitive), plus "AI Assistant". */
export function channelGroup(input: { source: string | null; medium: string | null; campaign: string | null }): Channel {
  const clean = (v: string | null) => (typeof v === "string" ? v.trim().toLowerCase() : "");
  const source = clean(input.source);
  const hit: Hit = { source, medium: clean(input.medium), campaign: clean(input.campaign), category: sourceCategory(source) };
  for (const [channel, matches] of CHANNEL_RULES) if (matches(hit)) return channel;
  return "Unassigned";
}
