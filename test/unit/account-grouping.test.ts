// Which account an e-mail address belongs to: the registrable domain of a corporate address (subdomains of one company
// are one account, multi-part public suffixes such as .co.uk kept whole); free-mail, disposable, typo and malformed
// addresses form none; a person's work e-mail is the one the server or CRM said last.
import { describe, expect, it } from "vitest";
import { accountDomainOf, accountIdOf, registrableDomain } from "../../worker/core/accounts/domain";
import { accountTargetOf, workEmailOf } from "../../worker/core/accounts/account";
import { newProfile, type ProfileRecord } from "../../worker/core/profiles/profile";
import { DEFAULT_SCORING } from "../../worker/core/scoring";

describe("registrableDomain", () => {
  it.each([
    ["acme.com", "acme.com"],
    ["mail.acme.com", "acme.com"],
    ["eu.mail.acme.com", "acme.com"],
    ["acme.co.uk", "acme.co.uk"],
    ["mail.acme.co.uk", "acme.co.uk"],
    ["eu.acme.com.au", "acme.com.au"],
    ["cs.ox.ac.uk", "ox.ac.uk"],
    ["dept.uni.ac.jp", "uni.ac.jp"],
    ["sales.acme.com.br", "acme.com.br"],
    ["mail.acme.ltd.uk", "acme.ltd.uk"],
    ["x.ministere.gouv.fr", "ministere.gouv.fr"],
    ["cs.harvard.edu", "harvard.edu"],
    ["mail.acme.de", "acme.de"],
    ["mail.acme.io", "acme.io"],
    ["Mail.ACME.com.", "acme.com"],
  ])("%s → %s", (domain, registrable) => {
    expect(registrableDomain(domain)).toBe(registrable);
  });
});

describe("accountDomainOf", () => {
  it.each<[string, string | null, string | string[]]>([
    ["a corporate address", "ana@acme.com", "acme.com"],
    ["a subdomain of the company", "ana@mail.acme.com", "acme.com"],
    ["another subdomain of it", "ben@eu.acme.com", "acme.com"],
    ["upper case and spaces", "  Ana@ACME.com ", "acme.com"],
    ["a company under .co.uk", "ana@sales.acme.co.uk", "acme.co.uk"],
    ["gmail", "ana@gmail.com", ["free_mail"]],
    ["yahoo under a country domain", "ana@yahoo.co.uk", ["free_mail"]],
    ["a mail subdomain of a free-mail provider", "ana@mail.gmx.de", ["free_mail"]],
    ["outlook.com", "ana@outlook.com", ["free_mail"]],
    ["a disposable mailbox", "ana@mailinator.com", ["disposable"]],
    ["a subdomain of a disposable provider", "ana@x.mailinator.com", ["disposable"]],
    ["a typo of a big provider", "ana@gmial.com", ["typo"]],
    ["a typo in the top-level domain", "ana@acme.con", ["typo"]],
    ["no address", null, ["no_email"]],
    ["no domain", "ana@", ["malformed"]],
    ["not an address", "ana at acme", ["malformed"]],
  ])("%s (%s)", (_what, email, expected) => {
    expect(accountDomainOf(email)).toEqual(typeof expected === "string" ? { domain: expected } : { none: expected[0] });
  });

  it("treats a site's own free-mail providers (scoring's free_mail_domains) as free-mail", () => {
    expect(accountDomainOf("ana@isp-mail.pt")).toEqual({ domain: "isp-mail.pt" });
    expect(accountDomainOf("ana@isp-mail.pt", ["isp-mail.pt"])).toEqual({ none: "free_mail" });
  });

  it("names one account per site and domain, whoever computes it", () => {
    expect(accountIdOf("s1", "acme.com")).toBe(accountIdOf("s1", "acme.com"));
    expect(accountIdOf("s1", "acme.com")).not.toBe(accountIdOf("s2", "acme.com"));
    expect(accountIdOf("s1", "acme.com")).toMatch(/^ac_[0-9a-f]{24}$/);
  });
});

const person = (o: Partial<ProfileRecord>): ProfileRecord => ({ ...newProfile({ id: "p1", site: "s1", at: 0 }), ...o });

describe("a person's account", () => {
  it.each<[string, Partial<ProfileRecord>, string | null]>([
    ["identified by a corporate address", { email: "ana@acme.com" }, "acme.com"],
    ["from a subdomain", { email: "ana@eu.acme.com" }, "acme.com"],
    ["identified by a free-mail address", { email: "ana@gmail.com" }, null],
    ["with a disposable address", { email: "ana@mailinator.com" }, null],
    ["without an e-mail", { user_id: "u1" }, null],
    ["whose address the CRM changed", { email: "ana@acme.com", traits: { email: "ana@globex.com" }, trait_sources: { email: "crm" } }, "globex.com"],
    ["whose address the site's server changed", { email: "ana@acme.com", traits: { email: "Ana@Globex.com" }, trait_sources: { email: "server" } }, "globex.com"],
    ["whose browser claims another address", { email: "ana@acme.com", traits: { email: "ana@globex.com" }, trait_sources: { email: "browser" } }, "acme.com"],
    ["whose CRM address moved to free-mail", { email: "ana@acme.com", traits: { email: "ana@gmail.com" }, trait_sources: { email: "crm" } }, null],
    ["who is junk (a bot, a competitor)", { email: "ana@acme.com", quality: { status: "junk", reasons: ["bot"] } }, null],
    ["who is suspect", { email: "ana@acme.com", quality: { status: "suspect", reasons: ["form_too_fast"] } }, "acme.com"],
  ])("%s → %s", (_what, o, domain) => {
    const target = accountTargetOf(person(o), DEFAULT_SCORING);
    expect(target?.domain ?? null).toBe(domain);
    if (domain) expect(target!.id).toBe(accountIdOf("s1", domain));
  });

  it("works under the address the server or the CRM said, else the one they were identified by", () => {
    expect(workEmailOf(person({ email: "a@acme.com" }))).toBe("a@acme.com");
    expect(workEmailOf(person({ email: "a@acme.com", traits: { email: "not an address" }, trait_sources: { email: "crm" } }))).toBe("a@acme.com");
    expect(workEmailOf(person({ email: null, traits: { email: "b@acme.com" }, trait_sources: { email: "verified" } }))).toBe("b@acme.com");
  });
});
