// A person's part in a company's buying committee, read from their job title: decision makers sign, influencers
// evaluate and champion, users use. The rules are tried in order and the first that holds decides (docs/ACCOUNTS.md).
import { COMMITTEE_ROLES, type CommitteeRole } from "../../../schema/vocabulary";
import { textTrait } from "../profiles/profile";

interface RoleRule {
  role: CommitteeRole;
  /** whole words or phrases of the title, ignoring case and punctuation */
  words: string[];
}

const RULES: RoleRule[] = [
  // Not a buyer, whatever else the title says: "Assistant to the CEO", "Marketing intern".
  { role: "user", words: ["assistant", "intern", "internship", "student", "working student", "werkstudent", "trainee", "apprentice"] },
  // Titles that contain a decision maker's word but name a hands-on role.
  { role: "influencer", words: ["product owner", "process owner", "partner manager", "partnership manager", "partnerships manager"] },
  {
    role: "decision_maker",
    words: [
      "ceo", "cto", "cfo", "coo", "cio", "cmo", "cro", "cso", "cpo", "cdo", "ciso", "chief", "founder", "cofounder",
      "owner", "president", "vp", "svp", "evp", "director", "head", "partner", "managing director", "general manager",
      "chairman", "chairwoman", "board member", "geschäftsführer", "inhaber", "leiter", "leiterin", "directeur", "directrice",
      "directora", "gérant", "gerente general",
    ],
  },
  {
    role: "influencer",
    words: ["manager", "mgr", "lead", "leader", "principal", "architect", "senior", "sr", "staff", "consultant", "advisor", "adviser", "supervisor", "gerente", "responsable"],
  },
];

/** Lower case, punctuation as spaces, padded: whole-word tests become substring tests on " word ". */
const normalized = (title: string) => ` ${title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `;

/** The role a job title names; any other title is a user; no title at all is unknown (null). */
export function roleOf(title: string | null): CommitteeRole | null {
  if (title === null || title.trim() === "") return null;
  const text = normalized(title);
  const rule = RULES.find((r) => r.words.some((w) => text.includes(normalized(w))));
  return rule?.role ?? "user";
}

/** The job title a person gave, under any of the names forms and SDKs use. */
export function jobTitleOf(traits: Record<string, unknown>): string | null {
  return textTrait(traits, "job_title", "jobtitle", "title", "role", "position");
}

export type RoleCounts = Record<CommitteeRole | "unknown", number>;

export function countRoles(roles: readonly (CommitteeRole | null)[]): RoleCounts {
  const counts: RoleCounts = { decision_maker: 0, influencer: 0, user: 0, unknown: 0 };
  for (const r of roles) counts[r ?? "unknown"] += 1;
  return counts;
}

/** The roles nobody in the committee holds yet, in the order sales looks for them. */
export function missingRoles(counts: RoleCounts): CommitteeRole[] {
  return COMMITTEE_ROLES.filter((r) => counts[r] === 0);
}
