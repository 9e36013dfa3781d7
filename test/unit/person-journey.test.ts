// One person's journey on the profile page: where each conversion happened, and each touch's credit under every model,
// by the same journey split and credit functions as the site's report.
import { describe, expect, it } from "vitest";
import { MODELS, type Model } from "../../schema/vocabulary";
import { attribute, journeysOf } from "../../worker/core/attribution";
import { personJourney, type PersonTouch } from "../../worker/core/attribution/person";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 1);
const touch = (day: number, channel: string): PersonTouch => ({ at: T0 + day * DAY, key: channel, channel });

// Paid Search, then Email twice, then Direct; a lead on day 5, a purchase on day 9 with no new touch since day 8.
const touches = [touch(0, "Paid Search"), touch(2, "Email"), touch(4, "Email"), touch(8, "Direct")];
const lead = { at: T0 + 5 * DAY, value: 0 };
const purchase = { at: T0 + 9 * DAY, value: 120 };

describe("personJourney", () => {
  it("marks each conversion in the session of the latest touch at or before it", () => {
    const early = { at: T0 - DAY };
    const { touchOf } = personJourney({ touches, all: [early, lead, purchase, { at: touches[2]!.at }], chosen: [lead], model: "linear" });
    expect(touchOf).toEqual([-1, 2, 3, 2]);
  });

  it.each<[Model, number[]]>([
    ["first_touch", [1, 0, 0, 0]],
    ["last_touch", [0, 0, 1, 0]],
    ["last_non_direct", [0, 0, 1, 0]],
    ["linear", [1 / 3, 1 / 3, 1 / 3, 0]],
    ["position_based", [0.4, 0.2, 0.4, 0]],
    // Shapley splits over distinct channels; the first Email touch takes Email's half
    ["shapley", [0.5, 0.5, 0, 0]],
  ])("credits the lead's touches under %s", (model, expected) => {
    const { credit } = personJourney({ touches, all: [lead], chosen: [lead], model });
    credit.forEach((c, i) => expect(c, `touch ${i}`).toBeCloseTo(expected[i]!, 9));
  });

  it("gives time decay more to the touches nearer the conversion", () => {
    const { credit } = personJourney({ touches, all: [lead], chosen: [lead], model: "time_decay" });
    expect(credit[0]).toBeLessThan(credit[1]!);
    expect(credit[1]).toBeLessThan(credit[2]!);
    expect(credit[3]).toBe(0);
  });

  it("splits Markov by the site's channel shares over the distinct channels on the path", () => {
    const keyShares = new Map([["Paid Search", 0.6], ["Email", 0.2], ["Direct", 0.2]]);
    const { credit } = personJourney({ touches, all: [lead], chosen: [lead], model: "markov", options: { keyShares } });
    expect(credit[0]).toBeCloseTo(0.75, 9);
    expect(credit[1]).toBeCloseTo(0.25, 9);
    expect(credit.slice(2)).toEqual([0, 0]);
    // no shares known (a site without Markov credit yet): an equal split over the distinct channels
    expect(personJourney({ touches, all: [lead], chosen: [lead], model: "markov" }).credit.slice(0, 2)).toEqual([0.5, 0.5]);
  });

  it("credits a conversion with no new touch to the touch of its session, and adds up to the conversions for every model", () => {
    for (const model of MODELS) {
      const { credit } = personJourney({ touches, all: [lead, purchase], chosen: [lead, purchase], model, options: { keyShares: new Map([["Email", 1]]) } });
      expect(credit.reduce((a, b) => a + b, 0), model).toBeCloseTo(2, 9);
    }
    const { credit } = personJourney({ touches, all: [purchase], chosen: [purchase], model: "last_touch" });
    expect(credit).toEqual([0, 0, 0, 1]);
  });

  it("agrees with the site report run over this one person's journeys", () => {
    const journeys = journeysOf({ touches: touches.map((t) => ({ key: t.key, channel: t.channel, at: t.at })), conversions: [lead, purchase] });
    for (const model of MODELS.filter((m) => m !== "markov")) {
      const { credit } = personJourney({ touches, all: [lead, purchase], chosen: [lead, purchase], model });
      const byChannel = new Map<string, number>();
      credit.forEach((c, i) => byChannel.set(touches[i]!.channel, (byChannel.get(touches[i]!.channel) ?? 0) + c));
      for (const row of attribute(journeys, model).rows) expect(byChannel.get(row.key) ?? 0, `${model} ${row.key}`).toBeCloseTo(row.conversions, 9);
    }
  });
});
