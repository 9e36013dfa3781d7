// The follow-up deadline decided: contacted in time, overdue, not due yet, or no longer the current assignment; and
// the overdue transition both checks of one deadline derive alike.
import { describe, expect, it } from "vitest";
import { newProfile, type ProfileRecord } from "../../worker/core/profiles/profile";
import type { FollowUp } from "../../worker/core/routing/assign";
import { followUpVerdict, overdueTransition, type FollowUpVerdict } from "../../worker/core/routing/follow-up";
import { webhookIdOf } from "../../worker/core/webhooks/id";

const T = Date.parse("2026-03-20T09:00:00Z");
const DUE = T + 30 * 60_000;
const DEADLINE: FollowUp = { site: "acme", profile_id: "p_1", owner_id: "ben", assigned_at: T, due_at: DUE, escalate_to: "eve" };
const assigned = (o: Partial<ProfileRecord> = {}): ProfileRecord => ({ ...newProfile({ id: "p_1", site: "acme", at: T - 1000 }), stage: "mql", owner: { id: "ben", name: "Ben" }, assigned_at: T, ...o });

describe("followUpVerdict", () => {
  it.each([
    ["not contacted, at the deadline", assigned(), DUE, "overdue"],
    ["not contacted, long after", assigned(), DUE + 86_400_000, "overdue"],
    ["not contacted, a second early", assigned(), DUE - 1000, "wait"],
    ["marked contacted", assigned({ contacted_at: T + 60_000 }), DUE, "met"],
    ["moved to sql by the CRM", assigned({ stage: "sql" }), DUE, "met"],
    ["won", assigned({ stage: "customer" }), DUE, "met"],
    ["given the CRM's verdict", assigned({ disposition: "not_a_fit" }), DUE, "met"],
    ["contacted before the deadline comes", assigned({ contacted_at: T + 1000 }), DUE - 60_000, "met"],
    ["given to another owner", assigned({ owner: { id: "eve", name: "Eve" } }), DUE, "dropped"],
    ["re-assigned to the same owner later", assigned({ assigned_at: T + 5000 }), DUE, "dropped"],
    ["left without an owner", assigned({ owner: null, assigned_at: null }), DUE, "dropped"],
    ["erased", null, DUE, "dropped"],
  ] as [string, ProfileRecord | null, number, FollowUpVerdict][])("a lead %s → %s", (_what, profile, now, verdict) => {
    expect(followUpVerdict(DEADLINE, profile, now)).toBe(verdict);
  });
});

describe("overdueTransition", () => {
  it("happens at the deadline and says who owned it, since when, and who is told", () => {
    expect(overdueTransition(DEADLINE, assigned())).toEqual({
      site: "acme", profile_id: "p_1", type: "profile.follow_up_overdue", at: DUE,
      data: { owner: { id: "ben", name: "Ben" }, assigned_at: new Date(T).toISOString(), due_at: new Date(DUE).toISOString(), within_minutes: 30, escalate_to: "eve" },
    });
  });

  it("derives the same webhook-id whenever and however often the deadline is checked", () => {
    const profile = assigned();
    const later = { ...profile, last_seen: T + 99_000, counts: { ...profile.counts, pageviews: 9 } };
    expect(webhookIdOf(overdueTransition(DEADLINE, later))).toBe(webhookIdOf(overdueTransition(DEADLINE, profile)));
  });
});
