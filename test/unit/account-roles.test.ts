// A buying committee's roles from job titles: decision makers sign, influencers evaluate, users use; the first rule that
// holds decides, and the roles nobody holds are the hint for sales.
import { describe, expect, it } from "vitest";
import { countRoles, jobTitleOf, missingRoles, roleOf } from "../../worker/core/accounts/roles";

describe("roleOf", () => {
  it.each<[string | null, string | null]>([
    ["CEO", "decision_maker"],
    ["Chief Revenue Officer", "decision_maker"],
    ["Co-Founder & CTO", "decision_maker"],
    ["Founder", "decision_maker"],
    ["VP Sales", "decision_maker"],
    ["Senior Vice President, Marketing", "decision_maker"],
    ["Head of Operations", "decision_maker"],
    ["Director of Engineering", "decision_maker"],
    ["Managing Director", "decision_maker"],
    ["General Manager EMEA", "decision_maker"],
    ["Business Owner", "decision_maker"],
    ["Partner", "decision_maker"],
    ["President", "decision_maker"],
    ["Geschäftsführer", "decision_maker"],
    ["Leiterin Einkauf", "decision_maker"],
    ["Directeur commercial", "decision_maker"],
    ["Marketing Manager", "influencer"],
    ["Engineering Mgr.", "influencer"],
    ["Team Lead, Data", "influencer"],
    ["Principal Engineer", "influencer"],
    ["Solutions Architect", "influencer"],
    ["Senior Software Engineer", "influencer"],
    ["Sr. Analyst", "influencer"],
    ["Staff Engineer", "influencer"],
    ["IT Consultant", "influencer"],
    ["Product Owner", "influencer"],
    ["Partner Manager", "influencer"],
    ["Software Engineer", "user"],
    ["Data Analyst", "user"],
    ["Accountant", "user"],
    ["Account Executive", "user"],
    ["Assistant to the CEO", "user"],
    ["Executive Assistant", "user"],
    ["Marketing Intern", "user"],
    ["Working Student, Sales", "user"],
    ["Headhunter", "user"],
    ["", null],
    ["   ", null],
    [null, null],
  ])("%s → %s", (title, role) => {
    expect(roleOf(title)).toBe(role);
  });
});

describe("a committee", () => {
  it("reads the title under any of its usual names", () => {
    expect(jobTitleOf({ job_title: "CTO" })).toBe("CTO");
    expect(jobTitleOf({ title: "VP Sales" })).toBe("VP Sales");
    expect(jobTitleOf({ jobtitle: "Engineer", role: "ignored" })).toBe("Engineer");
    expect(jobTitleOf({ position: "Analyst" })).toBe("Analyst");
    expect(jobTitleOf({ company: "Acme" })).toBeNull();
  });

  it.each<[string, (string | null)[], string[]]>([
    ["everyone present", ["decision_maker", "influencer", "user"], []],
    ["no decision maker yet", ["influencer", "user", "user"], ["decision_maker"]],
    ["only a decision maker", ["decision_maker"], ["influencer", "user"]],
    ["titles unknown", [null, null], ["decision_maker", "influencer", "user"]],
    ["nobody", [], ["decision_maker", "influencer", "user"]],
  ])("%s: missing %j", (_what, roles, missing) => {
    const counts = countRoles(roles as Parameters<typeof countRoles>[0]);
    expect(counts.decision_maker + counts.influencer + counts.user + counts.unknown).toBe(roles.length);
    expect(missingRoles(counts)).toEqual(missing);
  });
});
