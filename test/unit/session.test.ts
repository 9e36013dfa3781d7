// Sessions and touches: idle time and source changes start sessions; direct and page-less hits do not.
import { describe, expect, it } from "vitest";
import type { CollectedEvent, TouchSource } from "../../schema/event";
import { SESSION_IDLE_MS, sessionStep } from "../../worker/core/profiles/session";

const DIRECT: TouchSource = { channel: "Direct", source: "(direct)", medium: "(none)", campaign: null, term: null, content: null, referrer: null, landing_page: null, click_id: null };
const EMAIL: TouchSource = { ...DIRECT, channel: "Email", source: "newsletter", medium: "email", campaign: "may" };
const ADS: TouchSource = { ...DIRECT, channel: "Paid Search", source: "google", medium: "cpc", click_id: "gclid" };

function hit(at: number, touch: TouchSource | null, url: string | null = "https://example.com/"): CollectedEvent {
  return { id: `e${at}`, site: "s", type: "pageview", name: null, anonymous_id: "a", user_id: null, previous_id: null, at, received_at: at, url, path: "/", title: null, touch, props: {}, traits: {}, device: null, geo: null, cookieless: false, origin: "snippet" };
}

describe("sessionStep", () => {
  const start = sessionStep(null, hit(0, EMAIL));

  it("starts the first session with the hit's source as its touch", () => {
    expect(start.touch).toMatchObject({ channel: "Email", source: "newsletter", campaign: "may", landing_page: "https://example.com/" });
    expect(start.session).toMatchObject({ started: 0, last: 0 });
  });

  it.each([
    ["a direct hit within 30 minutes continues", hit(SESSION_IDLE_MS - 1, DIRECT), false],
    ["a self-referral continues", hit(60_000, null), false],
    ["the same source continues", hit(60_000, EMAIL), false],
    ["a new non-direct source starts a session", hit(60_000, ADS), true],
    ["another ad of the same campaign (utm_content) starts a session", hit(60_000, { ...EMAIL, content: "footer" }), true],
    ["30 idle minutes start a session, even direct", hit(SESSION_IDLE_MS + 1, DIRECT), true],
    ["a hit without a page never starts one", hit(SESSION_IDLE_MS + 1, ADS, null), false],
  ])("%s", (_name, next, starts) => {
    const step = sessionStep(start.session, next);
    expect(step.touch !== null).toBe(starts);
    expect(step.session!.last).toBe(next.at);
  });

  it("records a Direct touch when a session starts from a hit that may not start a touch", () => {
    const step = sessionStep(start.session, hit(SESSION_IDLE_MS * 2, null));
    expect(step.touch).toMatchObject({ channel: "Direct", source: "(direct)" });
  });
});
