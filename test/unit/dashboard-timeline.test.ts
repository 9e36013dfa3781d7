// A profile's timeline: a page view shows the title it captured next to its path, escaped; nothing when none.
import { describe, expect, it } from "vitest";
import { eventText, Timeline, titleOf } from "../../worker/http/dashboard/components/timeline";
import type { eventView } from "../../worker/core/profiles/view";

type EventView = ReturnType<typeof eventView>;

const view = (over: Partial<EventView>): EventView => ({
  id: "e1", type: "pageview", name: null, at: "2026-05-01T10:00:00.000Z", received_at: "2026-05-01T10:00:01.000Z",
  url: "https://example.com/pricing?utm_source=x", session_id: "s1", title: null, props: {}, traits: {}, source: null, ...over,
});

describe("the timeline", () => {
  it("shows a page view's title next to its path", async () => {
    const html = String(await Timeline({ events: [view({ title: "Pricing — Acme" })] }));
    expect(html).toContain("Viewed /pricing");
    expect(html).toMatch(/Viewed \/pricing[\s\S]*·\s*Pricing — Acme/);
  });

  it("escapes a hostile title", async () => {
    const html = String(await Timeline({ events: [view({ title: "<img src=x onerror=alert(1)>" })] }));
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img");
  });

  it("shows the path alone without a title, and no title for other events", () => {
    expect(titleOf(view({ title: null }))).toBeNull();
    expect(titleOf(view({ title: "  " }))).toBeNull();
    expect(titleOf(view({ type: "form", name: "demo", title: "Contact" }))).toBeNull();
    expect(eventText(view({ title: "Pricing" }))).toBe("Viewed /pricing");
  });
});
