// What an alert to a person says, whatever carries it (Slack, Teams): who the lead is, why it scores (the top three
// reasons in words), grade, label, first source, and a link to the profile. It never carries more than the dashboard's
// profile page shows; an erased person's alert says only that the lead was erased. An account that qualifies alerts
// its owner with the account's numbers and its buying committee, and no person's details.
import type { ScoringConfig } from "../../../schema/scoring";
import { TEST_EVENT_TYPE } from "../../../schema/vocabulary";
import { companyOf, nameOf, textTrait, type ProfileRecord } from "../profiles/profile";
import { profileView } from "../profiles/view";
import { snapshotSite, type AccountSnapshot, type Snapshot } from "../webhooks/payload";
import { accountView } from "../accounts/view";
import { COMMITTEE_ROLE_LABELS, COMMITTEE_ROLES } from "../../../schema/vocabulary";

export interface AlertPerson {
  name: string;
  email: string | null;
  company: string | null;
  job_title: string | null;
}

export interface Alert {
  kind: "assigned" | "overdue" | "test" | "account";
  /** one line: the notification's text and the card's summary */
  summary: string;
  title: string;
  /** null once the person is erased */
  person: AlertPerson | null;
  /** label → value, in the order shown */
  facts: [string, string][];
  /** the top three score reasons, in words */
  reasons: string[];
  /** the dashboard page to open */
  link: { url: string; text: string } | null;
  /** what to do, or what happened */
  note: string;
  /** the card's accent colour, hex without # */
  color: string;
}

export interface AlertInput {
  type: string;
  /** when the transition happened, epoch ms */
  at: number;
  data: Record<string, unknown>;
  snapshot: Snapshot;
  /** the owner this endpoint alerts */
  recipient: { id: string; name: string };
  scoring: ScoringConfig;
  /** the dashboard's public origin (PUBLIC_URL) */
  publicUrl: string;
}

const COLORS = { assigned: "1F6FEB", overdue: "D1242F", test: "6E7781", account: "8250DF" } as const;

const words = (s: string) => s.replaceAll("_", " ");
const clockOf = (iso: unknown) => (typeof iso === "string" ? `${iso.slice(11, 16)} UTC` : "");
const ownerName = (o: unknown) => (o && typeof o === "object" && "name" in o ? String(o.name) : "someone");

export function personOf(r: Pick<ProfileRecord, "id" | "email" | "traits">): AlertPerson {
  return {
    name: nameOf(r.traits) ?? r.email ?? `Anonymous visitor ${r.id.replace(/^p_/, "").slice(0, 8)}`,
    email: r.email,
    company: companyOf(r.traits),
    job_title: textTrait(r.traits, "job_title", "title", "role"),
  };
}

/** The first touch as people say it: "google / cpc · Paid Search · campaign spring". */
export function sourceText(t: ProfileRecord["first_touch"]): string {
  if (!t) return "unknown";
  const parts = [[t.source, t.medium].filter(Boolean).join(" / "), t.channel, t.campaign ? `campaign ${t.campaign}` : ""];
  return parts.filter(Boolean).join(" · ");
}

/** The reasons that add the most points, highest first, as the breakdown words them. */
export function topReasons(breakdown: { points: number; description: string }[], n = 3): string[] {
  return breakdown.filter((b) => b.points > 0).sort((a, b) => b.points - a.points).slice(0, n).map((b) => b.description);
}

export const profileLink = (publicUrl: string, p: { id: string; site: string }) =>
  `${publicUrl}/dashboard/profiles/${encodeURIComponent(p.id)}?site=${encodeURIComponent(p.site)}`;

function leadAlert(input: AlertInput, record: ProfileRecord): Alert {
  const view = profileView(record, input.scoring, input.at);
  const person = personOf(record);
  const overdue = input.type === "profile.follow_up_overdue";
  const d = input.data;
  const facts: [string, string][] = [
    ["Grade", view.grade ?? "— (unknown fit)"],
    ["Label", words(view.label)],
    ["Score", String(Math.round(view.score))],
    ["Stage", view.stage],
    ["First source", sourceText(record.first_touch)],
    ["Owner", ownerName(d.owner)],
  ];
  const title = overdue ? `Follow-up overdue: ${person.name}` : `New lead for ${input.recipient.name}: ${person.name}`;
  const note = overdue
    ? `Assigned to ${ownerName(d.owner)} at ${clockOf(d.assigned_at)} with ${String(d.within_minutes)} minutes to make contact; nobody has yet.` +
      (input.recipient.id === (d.owner as { id?: string } | null)?.id ? " Please follow up now." : ` Escalated to ${input.recipient.name}.`)
    : typeof d.follow_up_due_at === "string"
      ? `Please make contact by ${clockOf(d.follow_up_due_at)}.`
      : "Please make contact soon: the first call wins.";
  const at = [person.job_title, person.company].filter(Boolean).join(" at ");
  return {
    kind: overdue ? "overdue" : "assigned",
    summary: `${title}${at ? ` (${at})` : ""} · ${view.grade ? `grade ${view.grade}` : "unknown fit"}, ${words(view.label)}`,
    title,
    person,
    facts,
    reasons: topReasons(view.score_breakdown),
    link: { url: profileLink(input.publicUrl, record), text: "Open the lead in Pista" },
    note,
    color: COLORS[overdue ? "overdue" : "assigned"],
  };
}

/** A sample lead, clearly marked, so an owner sees what a real alert will look like without any real person in it. */
function testAlert(input: AlertInput): Alert {
  const site = snapshotSite(input.snapshot);
  const title = `Test alert for ${input.recipient.name} from Pista (no action needed)`;
  return {
    kind: "test",
    summary: title,
    title,
    person: { name: "Ada Example (sample lead)", email: "ada@example.com", company: "Example Ltd", job_title: "Head of Operations" },
    facts: [["Grade", "A"], ["Label", "ready to buy"], ["Score", "72"], ["Stage", "mql"], ["First source", "google / cpc · Paid Search"], ["Owner", input.recipient.name]],
    reasons: ["Asked for a demo, quote, trial or call (1×): +30", "Senior decision-maker (job_title: Head of Operations): +20", "Visited pricing or plans (2×): +20"],
    link: { url: `${input.publicUrl}/dashboard/settings/routing?site=${encodeURIComponent(site)}`, text: "Open the routing settings" },
    note: "This is a test sent from the routing settings. Real alerts look like this one, about a real lead.",
    color: COLORS.test,
  };
}

/** An assignment or escalation of a person who was erased before the alert went out: nothing about them is left. */
function erasedAlert(input: AlertInput): Alert {
  const title = `A lead for ${input.recipient.name} was erased`;
  return { kind: "assigned", summary: title, title, person: null, facts: [], reasons: [], link: null, note: "The person asked to be forgotten; there is nothing to follow up.", color: COLORS.test };
}

export const accountLink = (publicUrl: string, a: { id: string; site: string }) =>
  `${publicUrl}/dashboard/accounts/${encodeURIComponent(a.id)}?site=${encodeURIComponent(a.site)}`;

/** An account that crossed its threshold: its numbers and who its people are by role, never a person's details. */
function accountAlert(input: AlertInput, s: AccountSnapshot): Alert {
  const view = accountView(s.account, input.scoring, s.threshold, input.at);
  const name = view.name ?? view.domain;
  const roles = COMMITTEE_ROLES.map((r) => `${s.account.roles[r]} ${COMMITTEE_ROLE_LABELS[r].toLowerCase()}${s.account.roles[r] === 1 ? "" : "s"}`);
  const missing = COMMITTEE_ROLES.filter((r) => s.account.roles[r] === 0).map((r) => COMMITTEE_ROLE_LABELS[r].toLowerCase());
  const title = `Account heating up for ${input.recipient.name}: ${name}`;
  return {
    kind: "account",
    summary: `${title} (${view.domain}) · ${view.people} people, score ${Math.round(view.score)}`,
    title,
    person: null,
    facts: [
      ["Domain", view.domain],
      ["People", String(view.people)],
      ["Score", String(Math.round(view.score))],
      ["Grade", view.grade ?? "–"],
      ["Stage", view.stage],
      ["Label", words(view.label ?? "–")],
      ["Owner", ownerName(view.owner)],
    ],
    reasons: [
      `Together its people score ${Math.round(view.score)}; an account qualifies at ${s.threshold.min_score}`,
      `Buying committee: ${roles.join(", ")}`,
      ...(missing.length ? [`Nobody known yet as ${missing.join(" or ")}`] : []),
    ],
    link: { url: accountLink(input.publicUrl, s.account), text: "Open the account in Pista" },
    note: "Several people of this company are looking at once: work the account as a whole.",
    color: COLORS.account,
  };
}

export function alertOf(input: AlertInput): Alert {
  if (input.type === TEST_EVENT_TYPE) return testAlert(input);
  if ("account" in input.snapshot) return accountAlert(input, input.snapshot);
  return "record" in input.snapshot ? leadAlert(input, input.snapshot.record) : erasedAlert(input);
}
