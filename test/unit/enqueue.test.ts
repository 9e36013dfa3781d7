// Packing events into queue messages by bytes, so no message crosses the Queues limits whatever the characters.
import { describe, expect, it } from "vitest";
import type { CollectedEvent } from "../../schema/event";
import { packMessages } from "../../worker/services/ingest/steps";

function event(i: number, title: string): CollectedEvent {
  return {
    id: `e${i}`, site: "s", type: "pageview", name: null, anonymous_id: "a", user_id: null, previous_id: null, at: i, received_at: i,
    url: "https://example.com/", path: "/", title, touch: null, props: {}, traits: {}, device: null, geo: null, cookieless: false, origin: "snippet",
  };
}

describe("packMessages", () => {
  it.each([
    ["ASCII titles", "x".repeat(2000)],
    ["four-byte characters", "😀".repeat(1000)],
  ])("keeps every message under 96 KB in bytes and every event once, in order, for %s", (_name, title) => {
    const events = Array.from({ length: 300 }, (_, i) => event(i, title));
    const messages = packMessages(events);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) expect(new TextEncoder().encode(JSON.stringify(m.body)).byteLength).toBeLessThanOrEqual(96 * 1024 + 64);
    expect(messages.flatMap((m) => m.body.events.map((e) => e.id))).toEqual(events.map((e) => e.id));
  });

  it("sends a small batch as one message", () => {
    expect(packMessages([event(1, "a"), event(2, "b")])).toHaveLength(1);
  });
});
