// GA4 default channel grouping (plus AI Assistant): every rule, its order, case handling and the dbt-ga4 vectors.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CHANNELS, channelGroup, type Channel } from "../../worker/core/channels/channel";

const DATA = path.resolve(import.meta.dirname, "../fixtures/ga4-source-categories");
type Row = [source: string | null, medium: string | null, campaign: string | null, expected: Channel];

// Expected values are read off GA4's rule table (support.google.com/analytics/answer/9756891), not the code.
// "acme" is a source no list knows; the comment says which rule or rule order the row pins down.
const CASES: Row[] = [
  // Direct: source "(direct)" and medium (none)/(not set)/empty; it outranks every other rule.
  ["(direct)", "(none)", null, "Direct"],
  ["(direct)", "(not set)", null, "Direct"],
  ["(direct)", "", null, "Direct"],
  ["(direct)", null, null, "Direct"],
  ["(DIRECT)", "(NONE)", null, "Direct"],
  [" (direct) ", "(none)", null, "Direct"],
  ["(direct)", "(none)", "cross-network", "Direct"],
  ["(direct)", "referral", null, "Referral"],
  ["", "", "", "Unassigned"],
  [null, null, null, "Unassigned"],
  ["(not set)", "(not set)", null, "Unassigned"],
  // Cross-network: campaign contains "cross-network", before any paid rule.
  ["google", "cpc", "Cross-Network Q3", "Cross-network"],
  ["facebook", "social", "my-cross-network-push", "Cross-network"],
  ["newsletter", "email", "CROSS-NETWORK", "Cross-network"],
  ["acme", "cpc", "crossnetwork", "Paid Other"],
  // Paid Shopping: (shopping source or shop campaign) and paid medium; before Paid Search/Social.
  ["amazon", "cpc", null, "Paid Shopping"],
  ["ebay.com", "ppc", null, "Paid Shopping"],
  ["etsy", "paid-social", null, "Paid Shopping"],
  ["walmart", "retargeting", null, "Paid Shopping"],
  ["igshopping", "cpc", null, "Paid Shopping"],
  ["Google Shopping", "CPC", null, "Paid Shopping"],
  ["google", "cpc", "summer shopping", "Paid Shopping"],
  ["google", "cpc", "shop-sale", "Paid Shopping"],
  ["google", "cpc", "2024_shop", "Paid Shopping"],
  ["facebook", "cpc", "eshop launch", "Paid Shopping"], // "e" is the one letter [^a-df-z] lets precede "shop"
  ["facebook", "cpc", "workshop", "Paid Social"], // "kshop" is not a shop campaign
  ["bing", "cpc", "bishop", "Paid Search"],
  // Paid Search: search source and paid medium ^(.*cp.*|ppc|retargeting|paid.*)$.
  ["google", "cpc", null, "Paid Search"],
  ["GOOGLE", "CPC", null, "Paid Search"],
  ["bing", "ppc", null, "Paid Search"],
  ["yahoo", "paidsearch", null, "Paid Search"],
  ["baidu", "retargeting", null, "Paid Search"],
  ["duckduckgo", "cpm", null, "Paid Search"], // cpm is paid by the regex, and Paid Search comes before Display
  ["yandex", "cpv", null, "Paid Search"],
  ["naver.com", "paid", null, "Paid Search"],
  ["google", "cpa", null, "Paid Search"],
  ["ecosia.org", "cpc", null, "Paid Search"],
  ["google", "pay-per-click", null, "Organic Search"], // no "cp" in it: not paid by GA4's regex
  // Paid Social: social source and paid medium.
  ["facebook", "cpc", null, "Paid Social"],
  ["instagram", "paid_social", null, "Paid Social"],
  ["linkedin", "cpc", null, "Paid Social"],
  ["twitter", "ppc", null, "Paid Social"],
  ["tiktok", "cpc", null, "Paid Social"],
  ["t.co", "retargeting", null, "Paid Social"],
  ["reddit.com", "paid", null, "Paid Social"],
  ["l.facebook.com", "cpc", null, "Paid Social"],
  ["pinterest", "cpm", null, "Paid Social"],
  ["github", "cpc", null, "Paid Social"], // social by the Matomo list (GA4's list does not name it)
  ["bsky.app", "cpc", null, "Paid Social"], // social by Matomo host
  // Paid Video: video source and paid medium.
  ["youtube", "cpc", null, "Paid Video"],
  ["vimeo", "cpv", null, "Paid Video"],
  ["twitch", "paid", null, "Paid Video"],
  ["netflix.com", "retargeting", null, "Paid Video"],
  ["m.youtube.com", "cpm", null, "Paid Video"],
  // Display: medium display/banner/expandable/interstitial/cpm; before Paid Other.
  ["some-network", "display", null, "Display"],
  ["acme", "banner", null, "Display"],
  ["acme", "expandable", null, "Display"],
  ["acme", "interstitial", null, "Display"],
  ["acme", "CPM", null, "Display"],
  ["google", "display", null, "Display"],
  ["facebook", "banner", null, "Display"],
  ["acme", "display-ads", null, "Unassigned"],
  // Paid Other: paid medium, any other source.
  ["newsletter-partner", "cpc", null, "Paid Other"],
  ["acme", "ppc", null, "Paid Other"],
  ["acme", "paid", null, "Paid Other"],
  ["acme", "Paid_Email", null, "Paid Other"],
  ["acme", "retargeting", null, "Paid Other"],
  ["email", "cpc", null, "Paid Other"],
  ["chatgpt", "cpc", null, "Paid Other"], // an AI source with a paid medium is not "AI Assistant"
  ["acme", "ecpc", null, "Paid Other"],
  ["unknown.example", "paidsocial", null, "Paid Other"],
  ["acme", "mobile-cpc", null, "Paid Other"],
  // AI Assistant: AI source, non-paid medium; after the paid rules, before the organic ones.
  ["chatgpt", "referral", null, "AI Assistant"],
  ["ChatGPT", "Referral", null, "AI Assistant"],
  ["chatgpt.com", "(not set)", null, "AI Assistant"], // ChatGPT tags its links utm_source=chatgpt.com
  ["chatgpt.com", "", null, "AI Assistant"],
  ["chat.openai.com", "referral", null, "AI Assistant"],
  ["perplexity", "referral", null, "AI Assistant"],
  ["perplexity.ai", null, null, "AI Assistant"],
  ["gemini", "referral", null, "AI Assistant"],
  ["copilot", "referral", null, "AI Assistant"],
  ["claude", "referral", null, "AI Assistant"],
  ["claude.ai", "organic", null, "AI Assistant"],
  ["deepseek", "referral", null, "AI Assistant"],
  ["chatgpt", "social", null, "AI Assistant"],
  ["you.com", "referral", null, "AI Assistant"],
  ["gemini", "display", null, "Display"],
  // Organic Shopping: shopping source or shop campaign.
  ["amazon", "", null, "Organic Shopping"],
  ["ebay", "referral", null, "Organic Shopping"],
  ["shopify.com", "(not set)", null, "Organic Shopping"],
  ["etsy.com", "organic", null, "Organic Shopping"],
  ["acme", "referral", "holiday-shopping", "Organic Shopping"],
  ["acme", "email", "shop", "Organic Shopping"],
  ["google", "organic", "shopping feed", "Organic Shopping"],
  ["acme", "", "workshop", "Unassigned"],
  // Organic Social: social source or a social medium; before Organic Video and Search.
  ["instagram.com", "referral", null, "Organic Social"],
  ["acme", "social-network", null, "Organic Social"],
  ["acme", "social-media", null, "Organic Social"],
  ["acme", "sm", null, "Organic Social"],
  ["acme", "social network", null, "Organic Social"],
  ["acme", "Social Media", null, "Organic Social"],
  ["linkedin", "organic", null, "Organic Social"],
  ["t.co", "referral", null, "Organic Social"],
  ["twitter", "(not set)", null, "Organic Social"],
  ["lnkd.in", "referral", null, "Organic Social"],
  ["lm.facebook.com", "referral", null, "Organic Social"],
  ["github", "referral", null, "Organic Social"],
  ["discord.com", "referral", null, "Organic Social"],
  ["youtube", "social", null, "Organic Social"],
  ["acme", "socialmedia", null, "Unassigned"],
  // Organic Video: video source or medium containing "video".
  ["youtube", "referral", null, "Organic Video"],
  ["vimeo.com", "", null, "Organic Video"],
  ["acme", "VIDEO", null, "Organic Video"],
  ["acme", "in-video-ad", null, "Organic Video"],
  ["acme", "videos", null, "Organic Video"],
  ["twitch.tv", "organic", null, "Organic Video"],
  // Organic Search: search source or medium exactly "organic"; before Referral and Email.
  ["google", "organic", null, "Organic Search"],
  ["google", "", null, "Organic Search"],
  ["bing", "referral", null, "Organic Search"],
  ["acme", "Organic", null, "Organic Search"],
  ["duckduckgo", "(not set)", null, "Organic Search"],
  ["yahoo", "organic", null, "Organic Search"],
  ["brave", "referral", null, "Organic Search"], // search by the Matomo list
  ["news.google.com", "referral", null, "Organic Search"],
  ["google", "email", null, "Organic Search"],
  ["acme", "organic-search", null, "Unassigned"],
  // Referral: medium referral/app/link.
  ["example.org", "referral", null, "Referral"],
  ["acme", "app", null, "Referral"],
  ["acme", "link", null, "Referral"],
  ["acme", "REFERRAL", null, "Referral"],
  ["mail.google.com", "referral", null, "Referral"],
  ["email", "referral", null, "Referral"],
  ["sms", "referral", null, "Referral"],
  ["acme", "links", null, "Unassigned"],
  // Email: source or medium email/e-mail/e_mail/e mail.
  ["e-mail", "", null, "Email"],
  ["E_Mail", "newsletter", null, "Email"],
  ["acme", "email", null, "Email"],
  ["acme", "e-mail", null, "Email"],
  ["acme", "e_mail", null, "Email"],
  ["newsletter", "EMAIL", null, "Email"],
  ["acme", "emails", null, "Unassigned"],
  // Affiliates, Audio, SMS: exact medium (or source for SMS).
  ["acme", "affiliate", null, "Affiliates"],
  ["acme", "Affiliate", null, "Affiliates"],
  ["acme", "affiliates", null, "Unassigned"],
  ["podcast-network", "audio", null, "Audio"],
  ["acme", "AUDIO", null, "Audio"],
  ["acme", "audio-ad", null, "Unassigned"],
  ["SMS", null, null, "SMS"],
  ["acme", "SMS", null, "SMS"],
  ["acme", "sms-blast", null, "Unassigned"],
  // Mobile Push Notifications: medium ends with "push" or contains "mobile"/"notification", or source firebase.
  ["acme", "push", null, "Mobile Push Notifications"],
  ["acme", "web-push", null, "Mobile Push Notifications"],
  ["acme", "mobile", null, "Mobile Push Notifications"],
  ["acme", "in-app-notification", null, "Mobile Push Notifications"],
  ["acme", "notifications", null, "Mobile Push Notifications"],
  ["Firebase", "", null, "Mobile Push Notifications"],
  ["acme", "pushed", null, "Unassigned"],
  // Unassigned: nothing matched.
  ["acme", "some-medium", "some-campaign", "Unassigned"],
  ["newsletter", "(not set)", null, "Unassigned"],
];

interface Vector {
  source: string; medium: string; campaign: string;
  expected_by_dbt_ga4: string; ga4_rules_as_documented: string; agree: boolean;
}
const VECTORS = (JSON.parse(readFileSync(path.join(DATA, "dbt-ga4-channel-test-vectors.json"), "utf8")) as {
  cases: Vector[];
}).cases;

describe("channelGroup", () => {
  it("has a table of at least 150 cases that reaches every channel", () => {
    expect(CASES.length + VECTORS.length).toBeGreaterThanOrEqual(150);
    expect(new Set(CASES.map((c) => c[3]))).toEqual(new Set(CHANNELS));
  });

  it.each(CASES)("%j / %j / %j → %s", (source, medium, campaign, expected) => {
    expect(channelGroup({ source, medium, campaign })).toBe(expected);
  });

  it("has 30 dbt-ga4 vectors, of which only alibaba with an empty medium is mislabelled", () => {
    expect(VECTORS).toHaveLength(30);
    expect(VECTORS.filter((v) => !v.agree).map((v) => [v.source, v.medium, v.campaign])).toEqual([["alibaba", "", ""]]);
  });

  it.each(VECTORS.filter((v) => v.agree))("dbt-ga4 vector $source / $medium / $campaign → $expected_by_dbt_ga4", (v) => {
    expect(channelGroup(v)).toBe(v.expected_by_dbt_ga4);
  });

  // dbt-ga4 expects "Paid Shopping" for source alibaba with an empty medium. GA4's Paid Shopping rule needs a
  // paid medium (^(.*cp.*|ppc|retargeting|paid.*)$), and "" is not one; alibaba is a shopping source, so the
  // first rule that matches is Organic Shopping. The rule wins over the vector.
  it("classes the mislabelled alibaba vector by the rule: Organic Shopping, not dbt-ga4's Paid Shopping", () => {
    expect(channelGroup({ source: "alibaba", medium: "", campaign: "" })).toBe("Organic Shopping");
  });
});

describe("channelGroup over GA4's source-category list", () => {
  const KIND: Record<string, string> = {
    SOURCE_CATEGORY_SEARCH: "Search", SOURCE_CATEGORY_SOCIAL: "Social",
    SOURCE_CATEGORY_SHOPPING: "Shopping", SOURCE_CATEGORY_VIDEO: "Video",
  };
  const rows = readFileSync(path.join(DATA, "ga4_source_categories.dbt-ga4.csv"), "utf8")
    .trim().split(/\r?\n/).slice(1)
    .map((line) => [line.slice(0, line.lastIndexOf(",")), KIND[line.slice(line.lastIndexOf(",") + 1).trim()]] as const);

  it("reads all 819 rows", () => expect(rows.filter(([, kind]) => kind)).toHaveLength(819));

  it("sends every listed source with no medium to its Organic channel and with cpc to its Paid channel", () => {
    const wrong = rows.flatMap(([source, kind]) => [
      [source, "", `Organic ${kind}`, channelGroup({ source, medium: "", campaign: null })],
      [source, "cpc", `Paid ${kind}`, channelGroup({ source, medium: "cpc", campaign: null })],
    ]).filter(([, , want, got]) => want !== got);
    expect(wrong).toEqual([]);
  });
});
