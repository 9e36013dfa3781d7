// Stored URLs without a visitor's details (CONTRACT §14): path and campaign parameters stay; e-mail addresses, phone
// numbers, tokens and personal field names go, from the query and from a fragment written as parameters.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanUrl, keepParam, looksLikePhone, looksLikeToken } from "../../worker/core/events/clean-url";
import { normalizeEvent, type EventInput } from "../../worker/core/events/normalize";

describe("cleanUrl", () => {
  const CASES: [what: string, raw: string, stored: string][] = [
    // What a GET form puts in a thank-you URL, and the parts that must stay.
    ["a GET form's name and e-mail", "https://example.com/thanks?name=Ada+Lovelace&email=ada%40lovelace.example", "https://example.com/thanks"],
    ["the same with campaign tags kept", "https://example.com/thanks?utm_source=news&full_name=Ada&email=ada%40x.io&utm_campaign=spring", "https://example.com/thanks?utm_source=news&utm_campaign=spring"],
    ["click ids kept whatever they hold", "https://example.com/?gclid=Cj0KCQjw1234567890abcdefXYZ&fbclid=IwAR0abcdef1234567890&msclkid=abc123def456ghi789", "https://example.com/?gclid=Cj0KCQjw1234567890abcdefXYZ&fbclid=IwAR0abcdef1234567890&msclkid=abc123def456ghi789"],
    ["an upper-case UTM tag kept", "https://example.com/?UTM_SOURCE=ads&phone=%2B44%2020%207946%200958", "https://example.com/?UTM_SOURCE=ads"],
    ["an e-mail under an innocent name", "https://example.com/?ref=ada%40example.com&plan=pro", "https://example.com/?plan=pro"],
    ["an e-mail inside a longer value", "https://example.com/?to=Ada%20%3Cada%40example.com%3E", "https://example.com/"],
    ["a phone number with a plus", "https://example.com/?contact=%2B1%20415%20555%200123", "https://example.com/"],
    ["a phone number with dashes", "https://example.com/?c=415-555-0123&page=2", "https://example.com/?page=2"],
    ["a phone number in brackets", "https://example.com/?c=(415)%20555%200123", "https://example.com/"],
    ["ten bare digits", "https://example.com/?c=4155550123", "https://example.com/"],
    ["a reset token", "https://example.com/reset?key=Zx8s9d7f6g5h4j3k2l1mQ", "https://example.com/reset"],
    ["a session id under any name", "https://example.com/app?s=4f9a1c2e7b3d8e6f0a5b9c1d2e3f4a5b", "https://example.com/app"],
    ["a JWT", "https://example.com/cb?x=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig", "https://example.com/cb"],
    ["a UUID", "https://example.com/invite?i=550e8400-e29b-41d4-a716-446655440000", "https://example.com/invite"],
    ["a password", "https://example.com/login?user=x&password=hunter2", "https://example.com/login"],
    ["camel-case personal names", "https://example.com/?firstName=Ada&lastName=Lovelace&lang=en", "https://example.com/?lang=en"],
    ["an OAuth code and state", "https://example.com/cb?code=4%2F0AX4Xf&state=xyz", "https://example.com/cb?state=xyz"],
    ["a fragment of tokens", "https://example.com/cb#access_token=ya29.A0ARrdaM1234567890abcdef&token_type=Bearer&expires_in=3599", "https://example.com/cb#expires_in=3599"],
    ["an e-mail as the whole fragment", "https://example.com/#ada@example.com", "https://example.com/"],
    ["user name and password", "https://ada:secret@example.com/docs", "https://example.com/docs"],
    ["a relative path (Segment)", "/thanks?email=ada%40x.io&utm_source=x", "/thanks?utm_source=x"],
    ["an unparseable URL loses what follows ?", "http://[bad/thanks?email=ada@x.io", "http://[bad/thanks"],
  ];
  it.each(CASES)("removes %s", (_what, raw, stored) => {
    expect(cleanUrl(raw)).toBe(stored);
  });

  const KEPT: [what: string, raw: string][] = [
    ["a plain page", "https://example.com/pricing"],
    ["a search term", "https://example.com/search?q=lead%20scoring%20for%20sales"],
    ["pagination and sorting", "https://example.com/blog?page=2&sort=created_at"],
    ["a slug with a year", "https://example.com/?promo=spring-sale-2024-emea-launch"],
    ["a date", "https://example.com/events?from=2024-05-01&to=01.06.2024"],
    ["a short number", "https://example.com/item?id=123456"],
    ["a hash link", "https://example.com/docs#getting-started"],
    ["encoding exactly as sent", "https://example.com/a?q=caf%C3%A9+cr%C3%A8me&x=%7E"],
    ["a path that looks personal (paths are kept)", "https://example.com/users/ada/profile"],
  ];
  it.each(KEPT)("keeps %s byte for byte", (_what, raw) => {
    expect(cleanUrl(raw)).toBe(raw);
  });

  it("keeps null and the empty string", () => {
    expect(cleanUrl(null)).toBeNull();
    expect(cleanUrl("")).toBe("");
  });

  it("never keeps an e-mail address in a query value, whatever the URL", () => {
    fc.assert(
      fc.property(fc.webUrl(), fc.string({ minLength: 1, maxLength: 12 }).filter((k) => /^[a-z]\w*$/i.test(k) && !/^utm_|clk?id$|braid$/i.test(k)), fc.emailAddress(), (url, key, email) => {
        const u = new URL(url);
        u.hash = "";
        u.searchParams.append(key, email);
        const stored = cleanUrl(u.href)!;
        expect(stored).not.toContain(encodeURIComponent(email));
        expect(decodeURIComponent(stored.replace(/\+/g, " "))).not.toContain(email);
        expect(new URL(stored).pathname).toBe(u.pathname);
      }),
      { numRuns: 300, seed: 14 },
    );
  });
});

describe("the value rules", () => {
  it.each([
    ["+44 20 7946 0958", true],
    ["020 7946 0958", true],
    ["415.555.0123", true],
    ["4155550123", true],
    ["123456", false],
    ["2024-05-01", false],
    ["1.2.3", false],
    ["12", false],
  ])("phone: %s → %s", (value, phone) => {
    expect(looksLikePhone(value as string)).toBe(phone);
  });

  it.each([
    ["Zx8s9d7f6g5h4j3k2l1m", true],
    ["4f9a1c2e7b3d8e6f0a5b9c1d2e3f4a5b", true],
    ["spring-sale-2024-emea-launch", false],
    ["producthunt", false],
    ["iphone15promax", false],
    ["leadscoringforsalesteams", false],
  ])("token: %s → %s", (value, token) => {
    expect(looksLikeToken(value as string)).toBe(token);
  });

  it("keeps campaign parameters whatever they hold", () => {
    expect(keepParam("utm_content", "ada@example.com")).toBe(true);
    expect(keepParam("li_fat_id", "4f9a1c2e7b3d8e6f0a5b9c1d2e3f4a5b")).toBe(true);
  });
});

describe("normalizeEvent stores cleaned URLs", () => {
  const input: EventInput = {
    id: "e1", type: "pageview", name: null, anonymousId: "a1", userId: null, previousId: null, at: 1, title: "Thanks",
    url: "https://example.com/thanks?utm_source=newsletter&utm_medium=email&name=Ada+Lovelace&email=ada%40lovelace.example",
    referrer: "https://mail.example.net/read?account=ada%40lovelace.example&msg=42",
    props: {}, traits: {}, cookieless: false, origin: "snippet", trust: "browser",
  };
  const ctx = { site: { id: "s", domains: ["example.com"], excludedReferrers: [] }, enrichment: { device: null, geo: null }, receivedAt: 2 };

  it("in the event, its path, the touch's landing page and referrer; the campaign still read", () => {
    const e = normalizeEvent(input, ctx);
    expect(e.url).toBe("https://example.com/thanks?utm_source=newsletter&utm_medium=email");
    expect(e.path).toBe("/thanks");
    expect(e.touch).toMatchObject({
      source: "newsletter", medium: "email", channel: "Email",
      landing_page: "https://example.com/thanks?utm_source=newsletter&utm_medium=email",
      referrer: "https://mail.example.net/read?msg=42",
    });
    expect(JSON.stringify(e)).not.toMatch(/lovelace|Ada/);
  });
});
