// Which endpoints get a transition: subscribed types, then grade / label / stage / min_score filters (not for deletions).
import { describe, expect, it } from "vitest";
import { matchingSubscribers, passesFilters, type FilterFacts, type WebhookFilters } from "../../worker/core/webhooks/match";

const HOT_A: FilterFacts = { score: 72, grade: "A", label: "ready_to_buy", stage: "mql" };

describe("passesFilters", () => {
  it.each([
    ["no filters", {}, true],
    ["its grade listed", { grade: ["A", "B"] }, true],
    ["its grade not listed", { grade: ["C"] }, false],
    ["its label", { label: ["ready_to_buy"] }, true],
    ["another label", { label: ["browser"] }, false],
    ["its stage", { stage: ["mql", "sql"] }, true],
    ["another stage", { stage: ["lead"] }, false],
    ["a min_score it reaches exactly", { min_score: 72 }, true],
    ["a min_score it misses", { min_score: 72.5 }, false],
    ["every filter passing", { grade: ["A"], label: ["ready_to_buy"], stage: ["mql"], min_score: 50 }, true],
    ["one filter of several failing", { grade: ["A"], label: ["ready_to_buy"], stage: ["mql"], min_score: 90 }, false],
  ] as [string, WebhookFilters, boolean][])("with %s → %s", (_what, filters, passes) => {
    expect(passesFilters(filters, HOT_A)).toBe(passes);
  });

  it("fails a grade filter for a profile without a grade", () => {
    expect(passesFilters({ grade: ["A"] }, { ...HOT_A, grade: null })).toBe(false);
  });
});

describe("matchingSubscribers", () => {
  const subs = [
    { id: "all", events: ["profile.identified", "profile.qualified", "profile.deleted"], filters: {} },
    { id: "a-only", events: ["profile.qualified", "profile.deleted"], filters: { grade: ["A"] } },
    { id: "c-only", events: ["profile.qualified", "profile.deleted"], filters: { grade: ["C"] } },
    { id: "stages", events: ["profile.stage_changed"], filters: {} },
  ];

  it.each([
    ["profile.identified", HOT_A, ["all"]],
    ["profile.qualified", HOT_A, ["all", "a-only"]],
    ["profile.qualified", { ...HOT_A, grade: "C" }, ["all", "c-only"]],
    ["profile.stage_changed", HOT_A, ["stages"]],
    ["profile.merged", HOT_A, []],
    ["profile.deleted", null, ["all", "a-only", "c-only"]],
  ] as [string, FilterFacts | null, string[]][])("sends %s to the right endpoints", (type, facts, ids) => {
    expect(matchingSubscribers(type, facts, subs)).toEqual(ids);
  });
});
