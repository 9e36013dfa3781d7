// Touch sources: referrer names, click ids, UTM precedence, self/excluded referrers, landing pages, hostile input.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Channel } from "../../worker/core/channels/channel";
import {
  CLICK_ID_PARAMS, DEFAULT_EXCLUDED_REFERRERS, sourceKey, touchSource, type TouchInput, type TouchSource,
} from "../../worker/core/channels/source";

const SITE = ["example.com"];
const PAGE = "https://www.example.com/pricing";

function touch(over: Partial<TouchInput>): TouchSource | null {
  return touchSource({
    url: PAGE, referrer: null, siteDomains: SITE, excludedReferrers: [...DEFAULT_EXCLUDED_REFERRERS], ...over,
  });
}
const triple = (t: TouchSource | null) => t && [t.source, t.medium, t.channel];

describe("touchSource: referrer → source name", () => {
  const CASES: [referrer: string, source: string, medium: string, channel: Channel][] = [
    ["https://www.google.co.uk/", "google", "organic", "Organic Search"],
    ["https://www.google.com/search?q=crm", "google", "organic", "Organic Search"],
    ["HTTPS://WWW.GOOGLE.DE/", "google", "organic", "Organic Search"],
    ["https://images.google.fr/", "google", "organic", "Organic Search"],
    ["android-app://com.google.android.googlequicksearchbox/", "google", "organic", "Organic Search"],
    ["https://www.bing.com/", "bing", "organic", "Organic Search"],
    ["https://duckduckgo.com/", "duckduckgo", "organic", "Organic Search"],
    ["https://yandex.ru/", "yandex", "organic", "Organic Search"],
    ["https://search.brave.com/", "brave", "organic", "Organic Search"],
    ["https://l.facebook.com/l.php?u=x", "facebook", "referral", "Organic Social"],
    ["https://m.facebook.com/", "facebook", "referral", "Organic Social"],
    ["https://lm.facebook.com/", "facebook", "referral", "Organic Social"],
    ["https://t.co/abc", "twitter", "referral", "Organic Social"],
    ["https://x.com/", "twitter", "referral", "Organic Social"],
    ["https://lnkd.in/xyz", "linkedin", "referral", "Organic Social"],
    ["https://www.linkedin.com/feed/", "linkedin", "referral", "Organic Social"],
    ["https://news.ycombinator.com/item?id=1", "hacker news", "referral", "Organic Social"],
    ["https://www.youtube.com/", "youtube", "referral", "Organic Video"],
    ["https://chatgpt.com/", "chatgpt", "referral", "AI Assistant"],
    ["https://chat.openai.com/", "chatgpt", "referral", "AI Assistant"],
    ["https://www.perplexity.ai/search", "perplexity", "referral", "AI Assistant"],
    ["https://perplexity.ai/", "perplexity", "referral", "AI Assistant"],
    ["https://gemini.google.com/app", "gemini", "referral", "AI Assistant"],
    ["https://copilot.microsoft.com/", "copilot", "referral", "AI Assistant"],
    ["https://claude.ai/chat/1", "claude", "referral", "AI Assistant"],
    ["https://blog.partner.org/post", "blog.partner.org", "referral", "Referral"],
    ["https://www.partner-site.com/", "partner-site.com", "referral", "Referral"],
    ["https://mail.google.com/mail/u/0", "mail.google.com", "referral", "Referral"],
    ["https://google.example.net/", "google.example.net", "referral", "Referral"],
    ["https://www.cnn.com/2024/story", "cnn.com", "referral", "Referral"],
  ];
  it.each(CASES)("%s → %s / %s (%s)", (referrer, source, medium, channel) => {
    const t = touch({ referrer });
    expect(triple(t)).toEqual([source, medium, channel]);
    expect(t?.referrer).toBe(referrer);
    expect(t?.click_id).toBeNull();
  });
});

describe("touchSource: click ids", () => {
  const CASES: [query: string, referrer: string | null, source: string, medium: string, channel: Channel, id: string][] = [
    ["gclid=G1", null, "google", "cpc", "Paid Search", "gclid"],
    ["gclid=G1", "https://www.google.com/", "google", "cpc", "Paid Search", "gclid"],
    ["gbraid=G1", null, "google", "cpc", "Paid Search", "gbraid"],
    ["wbraid=G1", null, "google", "cpc", "Paid Search", "wbraid"],
    ["dclid=G1", null, "google", "cpc", "Paid Search", "dclid"],
    ["msclkid=M1", "https://www.bing.com/", "bing", "cpc", "Paid Search", "msclkid"],
    ["yclid=Y1", null, "yandex", "cpc", "Paid Search", "yclid"],
    ["ttclid=T1", null, "tiktok", "cpc", "Paid Social", "ttclid"],
    ["li_fat_id=L1", "https://www.linkedin.com/", "linkedin", "cpc", "Paid Social", "li_fat_id"],
    ["twclid=X1", "https://t.co/a", "twitter", "cpc", "Paid Social", "twclid"],
    // fbclid rides on every Facebook link, paid or not: it names facebook only when nothing else does.
    ["fbclid=F1", null, "facebook", "referral", "Organic Social", "fbclid"],
    ["fbclid=F1", "https://l.facebook.com/", "facebook", "referral", "Organic Social", "fbclid"],
    ["fbclid=F1", "https://l.instagram.com/", "instagram", "referral", "Organic Social", "fbclid"],
    ["fbclid=F1", "https://blog.partner.org/", "blog.partner.org", "referral", "Referral", "fbclid"],
    ["fbclid=F1&gclid=G1", null, "google", "cpc", "Paid Search", "gclid"],
    ["GCLID=G1", null, "google", "cpc", "Paid Search", "gclid"],
  ];
  it.each(CASES)("?%s from %s → %s / %s (%s)", (query, referrer, source, medium, channel, id) => {
    const t = touch({ url: `${PAGE}?${query}`, referrer });
    expect(triple(t)).toEqual([source, medium, channel]);
    expect(t?.click_id).toBe(id);
    expect(t?.click_id_value).toMatch(/^[A-Z]1$/);
  });

  it("ignores a click id with an empty value", () => {
    expect(touch({ url: `${PAGE}?gclid=&fbclid=%20` })).toMatchObject({ channel: "Direct", click_id: null });
  });

  it("lets explicit click ids win over the URL's", () => {
    const t = touch({ url: `${PAGE}?gclid=URL`, clickIds: { MSCLKID: "EXPLICIT" } });
    expect(t).toMatchObject({ source: "bing", click_id: "msclkid", click_id_value: "EXPLICIT" });
  });

  it("lets UTM source/medium win over a click id while click_id still names the id", () => {
    const t = touch({ url: `${PAGE}?utm_source=newsletter&utm_medium=email&gclid=G1` });
    expect(t).toMatchObject({ source: "newsletter", medium: "email", channel: "Email", click_id: "gclid", click_id_value: "G1" });
  });

  it("reads the contract's click ids", () => {
    expect(CLICK_ID_PARAMS).toEqual(expect.arrayContaining(
      ["gclid", "gbraid", "wbraid", "msclkid", "fbclid", "ttclid", "li_fat_id", "twclid"]));
  });
});

describe("touchSource: self-referrals and excluded referrers", () => {
  const NULL_CASES: [what: string, over: Partial<TouchInput>][] = [
    ["the site's www host", { referrer: "https://www.example.com/blog" }],
    ["a subdomain of the site", { referrer: "https://app.example.com/" }],
    ["the bare domain when the site lists www", { referrer: "https://example.com/", siteDomains: ["www.example.com"] }],
    ["a site domain given as a URL", { referrer: "https://shop.example.com/", siteDomains: ["https://Example.com/"] }],
    ["the page's own host when no domain is configured", { referrer: "https://www.example.com/a", siteDomains: [] }],
    ["checkout.stripe.com", { referrer: "https://checkout.stripe.com/pay/cs_1" }],
    ["www.paypal.com", { referrer: "https://www.paypal.com/checkoutnow" }],
    ["pay.google.com", { referrer: "https://pay.google.com/gp/p/ui/pay" }],
    ["a site-specific exclusion", { referrer: "https://sso.partner.io/", excludedReferrers: ["partner.io"] }],
  ];
  it.each(NULL_CASES)("returns null for a referrer on %s", (_what, over) => {
    expect(touch(over)).toBeNull();
  });

  it("does not treat a look-alike domain as the site (suffix match on label boundaries)", () => {
    expect(triple(touch({ referrer: "https://notexample.com/" }))).toEqual(["notexample.com", "referral", "Referral"]);
  });

  it("excludes the common payment providers by default", () => {
    expect(DEFAULT_EXCLUDED_REFERRERS).toEqual(expect.arrayContaining(
      ["paypal.com", "stripe.com", "checkout.stripe.com", "pay.google.com"]));
  });

  it.each([
    ["UTM tags", `${PAGE}?utm_source=newsletter&utm_medium=email`, "https://www.example.com/", "newsletter", "Email"],
    ["a click id", `${PAGE}?gclid=G1`, "https://www.example.com/", "google", "Paid Search"],
    ["UTM tags after a payment", `${PAGE}?utm_source=partner&utm_medium=referral`, "https://www.paypal.com/", "partner", "Referral"],
    ["fbclid with no external referrer", `${PAGE}?fbclid=F1`, "https://www.example.com/", "facebook", "Organic Social"],
  ])("starts a touch from %s despite a suppressed referrer, and keeps no referrer", (_w, url, referrer, source, channel) => {
    expect(touch({ url, referrer })).toMatchObject({ source, channel, referrer: null });
  });
});

describe("touchSource: campaign tags", () => {
  it("prefers UTM over the referrer and keeps the referrer URL", () => {
    const t = touch({ url: `${PAGE}?utm_source=newsletter&utm_medium=email&utm_campaign=Spring`, referrer: "https://www.google.com/" });
    expect(t).toMatchObject({ source: "newsletter", medium: "email", campaign: "Spring", channel: "Email", referrer: "https://www.google.com/" });
  });

  it("reads parameter names and values case-insensitively for the channel, lower-casing source and medium", () => {
    expect(touch({ url: `${PAGE}?UTM_SOURCE=Facebook&Utm_Medium=CPC` })).toMatchObject(
      { source: "facebook", medium: "cpc", channel: "Paid Social" });
  });

  it("keeps term, content and campaign as given, decoded", () => {
    const t = touch({ url: `${PAGE}?utm_source=g&utm_medium=cpc&utm_campaign=Spring+Sale&utm_term=crm%20tool&utm_content=ad%2D1` });
    expect(t).toMatchObject({ campaign: "Spring Sale", term: "crm tool", content: "ad-1" });
  });

  it("lets an explicit campaign replace the URL's tags as a whole", () => {
    const t = touch({ url: `${PAGE}?utm_source=url&utm_medium=cpc&utm_term=t`, campaign: { source: "crm", campaign: "Q3" } });
    expect(t).toMatchObject({ source: "crm", medium: "(not set)", campaign: "Q3", term: null });
  });

  it.each([
    ["only utm_campaign, from Google", `${PAGE}?utm_campaign=spring`, "https://www.google.com/", "google", "organic", "Organic Search"],
    ["only utm_campaign, no referrer", `${PAGE}?utm_campaign=spring`, null, "(not set)", "(not set)", "Unassigned"],
    ["only utm_medium", `${PAGE}?utm_medium=cpc`, null, "(not set)", "cpc", "Paid Other"],
    ["only utm_source", `${PAGE}?utm_source=chatgpt.com`, null, "chatgpt.com", "(not set)", "AI Assistant"],
    ["only utm_id, on a self-referral", `${PAGE}?utm_id=42`, "https://www.example.com/", "(not set)", "(not set)", "Unassigned"],
  ])("with %s", (_w, url, referrer, source, medium, channel) => {
    expect(triple(touch({ url, referrer }))).toEqual([source, medium, channel]);
  });
});

describe("touchSource: direct and landing page", () => {
  it.each([null, "", "   ", "not a url", "about:blank", "chrome://newtab/"])("is Direct for referrer %j", (referrer) => {
    expect(touch({ referrer })).toMatchObject({ source: "(direct)", medium: "(none)", channel: "Direct", referrer: null });
  });

  it.each([
    [`${PAGE}?utm_source=a&gclid=G1&x=1#top`, "https://www.example.com/pricing?utm_source=a&x=1#top"],
    [`${PAGE}?fbclid=F1&GCLID=G2&msclkid=M`, "https://www.example.com/pricing"],
    [`${PAGE}?q=a%20b&li_fat_id=L`, "https://www.example.com/pricing?q=a%20b"],
    ["/pricing?utm_medium=email&ttclid=T", "/pricing?utm_medium=email"],
    ["javascript:alert(1)//?gclid=1", null],
    [null, null],
  ])("landing page of %j is %j", (url, landing) => {
    expect(touch({ url })?.landing_page).toBe(landing);
  });
});

describe("sourceKey", () => {
  const a = touch({ url: `${PAGE}?utm_source=n&utm_medium=email&utm_campaign=c1` });
  it.each([
    ["the same source on another page", touch({ url: "https://www.example.com/x?utm_source=n&utm_medium=email&utm_campaign=c1" }), true],
    ["another campaign", touch({ url: `${PAGE}?utm_source=n&utm_medium=email&utm_campaign=c2` }), false],
    ["another medium", touch({ url: `${PAGE}?utm_source=n&utm_medium=social&utm_campaign=c1` }), false],
    ["a direct visit", touch({}), false],
  ])("compares %s as equal: %s", (_w, other, equal) => {
    expect(sourceKey(a!) === sourceKey(other!)).toBe(equal);
  });

  it("changes with a new ad click on the same campaign", () => {
    expect(sourceKey(touch({ url: `${PAGE}?gclid=A` })!)).not.toBe(sourceKey(touch({ url: `${PAGE}?gclid=B` })!));
  });
});

describe("touchSource: hostile input", () => {
  const GARBAGE: unknown[] = [
    "", " ", "http://", "http://[::1", "https://exa mple.com/", "%E0%A4%A", "\u0000\uFFFF", "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>", "https://user:pass@evil.com:99999/", "https://例え.テスト/?utm_source=ü",
    `https://example.com/?utm_source=%E0%A4%A&gclid=%&%zz=1`, `https://a.com/?${"utm_source=x&".repeat(5000)}`,
    "a".repeat(100_000), `https://${"a.".repeat(200)}com/`, 42, {}, [], null, undefined,
  ];
  it.each(GARBAGE.map((g) => [String(g).slice(0, 40), g]))("never throws on url/referrer %j", (_label, g) => {
    const inputs = [
      { url: g, referrer: g }, { url: PAGE, referrer: g }, { url: g, referrer: "https://www.google.com/" },
      { url: g, referrer: g, siteDomains: [g, null, 5], excludedReferrers: [g] },
    ] as unknown as Partial<TouchInput>[];
    for (const over of inputs) expect(() => touch(over)).not.toThrow();
  });

  it("never throws on arbitrary strings and URLs (property, fixed seed)", () => {
    const anyText = fc.oneof(fc.string(), fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.constant(null));
    fc.assert(fc.property(anyText, anyText, fc.array(fc.string()), (url, referrer, domains) => {
      const t = touchSource({ url, referrer, siteDomains: domains, excludedReferrers: domains });
      return t === null || typeof t.channel === "string";
    }), { seed: 20240601, numRuns: 500 });
  });
});
