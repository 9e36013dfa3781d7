// Ingest's bot policy: crawlers always dropped; headless browsers dropped in production, kept in local development.
import { describe, expect, it } from "vitest";
import { botDrop, requestFacts } from "../../worker/services/ingest/steps";

const HEADLESS = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36";
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

const facts = (ua: string) => requestFacts(new Request("https://pista.test/collect", { method: "POST", headers: { "user-agent": ua } }));

describe("botDrop", () => {
  it.each([
    [HEADLESS, false, "headless"],
    [HEADLESS, true, null],
    [GOOGLEBOT, false, "user_agent"],
    [GOOGLEBOT, true, "user_agent"],
    [CHROME, false, null],
    [CHROME, true, null],
  ])("%s in development=%s → %s", (ua, development, expected) => {
    expect(botDrop(facts(ua), { development })).toBe(expected);
  });
});
