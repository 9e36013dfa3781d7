// journeysOf: how one profile's touches and conversions split into converting and non-converting journeys.
import { describe, expect, it } from "vitest";
import { journeysOf, type Journey, type JourneyTouch } from "../../worker/core/attribution/index";

const t = (key: string, at: number, channel = "Referral"): JourneyTouch => ({ key, channel, at });

interface Case {
  name: string;
  touches: JourneyTouch[];
  conversions: { at: number; value: number }[];
  expected: Journey[];
}

const cases: Case[] = [
  { name: "nothing gives no journeys", touches: [], conversions: [], expected: [] },
  {
    name: "touches without a conversion form one non-converting journey",
    touches: [t("a", 1), t("b", 2)],
    conversions: [],
    expected: [{ touches: [t("a", 1), t("b", 2)], conversions: 0, value: 0, nulls: 1, at: 2 }],
  },
  {
    name: "a touch at exactly the conversion time belongs to it; later touches do not",
    touches: [t("a", 1), t("b", 5), t("c", 6)],
    conversions: [{ at: 5, value: 9 }],
    expected: [
      { touches: [t("a", 1), t("b", 5)], conversions: 1, value: 9, nulls: 0, at: 5 },
      { touches: [t("c", 6)], conversions: 0, value: 0, nulls: 1, at: 6 },
    ],
  },
  {
    name: "each conversion owns the touches since the previous one",
    touches: [t("a", 1), t("b", 3), t("c", 4)],
    conversions: [
      { at: 2, value: 1 },
      { at: 4, value: 2 },
    ],
    expected: [
      { touches: [t("a", 1)], conversions: 1, value: 1, nulls: 0, at: 2 },
      { touches: [t("b", 3), t("c", 4)], conversions: 1, value: 2, nulls: 0, at: 4 },
    ],
  },
  {
    name: "a repeat conversion with no new touch reuses the latest touch",
    touches: [t("a", 1)],
    conversions: [
      { at: 2, value: 1 },
      { at: 3, value: 4 },
    ],
    expected: [
      { touches: [t("a", 1)], conversions: 1, value: 1, nulls: 0, at: 2 },
      { touches: [t("a", 1)], conversions: 1, value: 4, nulls: 0, at: 3 },
    ],
  },
  {
    name: "a conversion with no touch at all gets a synthetic Direct (none) touch",
    touches: [t("late", 9)],
    conversions: [{ at: 5, value: 0 }],
    expected: [
      { touches: [{ key: "(none)", channel: "Direct", at: 5 }], conversions: 1, value: 0, nulls: 0, at: 5 },
      { touches: [t("late", 9)], conversions: 0, value: 0, nulls: 1, at: 9 },
    ],
  },
  {
    name: "unsorted input is put in time order",
    touches: [t("b", 3), t("a", 1)],
    conversions: [
      { at: 4, value: 2 },
      { at: 2, value: 1 },
    ],
    expected: [
      { touches: [t("a", 1)], conversions: 1, value: 1, nulls: 0, at: 2 },
      { touches: [t("b", 3)], conversions: 1, value: 2, nulls: 0, at: 4 },
    ],
  },
];

describe("journeysOf", () => {
  it.each(cases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    expect(journeysOf({ touches: c.touches, conversions: c.conversions })).toEqual(c.expected);
  });

  it("does not reorder the caller's arrays", () => {
    const touches = [t("b", 3), t("a", 1)];
    journeysOf({ touches, conversions: [{ at: 5, value: 1 }] });
    expect(touches.map((x) => x.key)).toEqual(["b", "a"]);
  });
});
