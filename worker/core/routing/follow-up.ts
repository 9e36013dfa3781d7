// The follow-up deadline, decided: when an assignment's deadline comes, was the lead contacted, is it overdue, or did
// the assignment change meanwhile? And the one profile.follow_up_overdue an overdue lead sends.
import { CRM_STAGES, type FollowUpStatus, type Stage } from "../../../schema/vocabulary";
import type { Transition } from "../profiles/plan";
import type { ProfileRecord } from "../profiles/profile";
import type { FollowUp } from "./assign";

export type FollowUpVerdict = Exclude<FollowUpStatus, "waiting"> | "wait";

/** Someone worked the lead: it was marked contacted, reached sql or customer, or got the CRM's verdict. */
export function contacted(p: Pick<ProfileRecord, "contacted_at" | "stage" | "disposition">): boolean {
  return p.contacted_at !== null || (CRM_STAGES as readonly Stage[]).includes(p.stage) || p.disposition !== null;
}

/** Assigned longer ago than the window and not worked: what the list's overdue filter finds (store/profiles.ts in SQL). */
export function isOverdue(p: Pick<ProfileRecord, "owner" | "assigned_at" | "contacted_at" | "stage" | "disposition">, withinMinutes: number | undefined, now: number): boolean {
  if (withinMinutes === undefined || p.owner === null || p.assigned_at === null) return false;
  return p.assigned_at + withinMinutes * 60_000 <= now && !contacted(p);
}

/**
 * What a deadline check finds. `profile` is the lead as stored now (a merged-away id resolves to its survivor, which
 * keeps the assignment when it inherited it). Dropped: the lead is gone, or its owner or assignment time changed (a new
 * assignment carries a deadline of its own). Met: someone worked it. Wait: not due yet. Overdue: escalate, once.
 */
export function followUpVerdict(f: FollowUp, profile: ProfileRecord | null, now: number): FollowUpVerdict {
  if (!profile || profile.owner?.id !== f.owner_id || profile.assigned_at !== f.assigned_at) return "dropped";
  if (contacted(profile)) return "met";
  return now < f.due_at ? "wait" : "overdue";
}

/**
 * The overdue transition. Everything in it comes from the deadline row and the assignment it checked, and it happens
 * at the deadline, so the delayed message and the hourly cron derive the same webhook-id: written twice, stored once.
 */
export function overdueTransition(f: FollowUp, profile: ProfileRecord): Transition {
  return {
    site: profile.site,
    profile_id: profile.id,
    type: "profile.follow_up_overdue",
    at: f.due_at,
    data: {
      owner: profile.owner,
      assigned_at: new Date(f.assigned_at).toISOString(),
      due_at: new Date(f.due_at).toISOString(),
      within_minutes: Math.round((f.due_at - f.assigned_at) / 60_000),
      escalate_to: f.escalate_to,
    },
  };
}
