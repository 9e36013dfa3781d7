// Identity decisions, table-driven: who receives an event, what merges, what is refused and why.
import { describe, expect, it } from "vitest";
import { junkReason, normalizePhone, resolveIdentity, type EventIds, type Known } from "../../worker/core/profiles/identity";

/** A tiny world: identifiers → profile ids, and each profile's strong ids. */
function world(ids: Record<string, string>, holders: Record<string, { user_id?: string; email?: string }> = {}): Known {
  return {
    lookup: (kind, value) => ids[`${kind}:${value}`],
    holder: (id) => ({ user_id: holders[id]?.user_id ?? null, email: holders[id]?.email ?? null }),
  };
}
const event = (o: Partial<EventIds>): EventIds => ({ trusted: true, anonymous: null, user: null, email: null, phone: null, previous: null, ...o });

describe("resolveIdentity", () => {
  it.each([
    ["a new anonymous visitor gets a new profile", event({ anonymous: "a1" }), world({}), { target: null, merge: [] }],
    ["a returning anonymous visitor keeps its profile", event({ anonymous: "a1" }), world({ "anonymous:a1": "P1" }), { target: "P1", merge: [] }],
    ["an anonymous profile is identified in place", event({ anonymous: "a1", email: "x@y.io" }), world({ "anonymous:a1": "P1" }), { target: "P1", merge: [] }],
    ["a second device merges into the identified profile", event({ anonymous: "a2", email: "x@y.io" }), world({ "anonymous:a2": "P2", "email:x@y.io": "P1" }, { P1: { email: "x@y.io" } }), { target: "P1", merge: ["P2"] }],
    ["the user id wins over the e-mail's profile", event({ user: "u1", email: "x@y.io" }), world({ "user:u1": "P1", "email:x@y.io": "P2" }, { P1: { user_id: "u1" }, P2: { email: "x@y.io" } }), { target: "P1", merge: [] }],
    ["an identified anonymous profile is never merged away", event({ anonymous: "a2", email: "x@y.io" }), world({ "anonymous:a2": "P2", "email:x@y.io": "P1" }, { P1: { email: "x@y.io" }, P2: { email: "z@y.io" } }), { target: "P1", merge: [] }],
    ["alias links the earlier anonymous id", event({ user: "u1", previous: "a9" }), world({ "user:u1": "P1", "anonymous:a9": "P9" }, { P1: { user_id: "u1" } }), { target: "P1", merge: ["P9"] }],
  ])("%s", (_name, ids, known, expected) => {
    expect(resolveIdentity(ids, known)).toMatchObject(expected);
  });

  it("refuses an e-mail that another profile holds when the user ids differ, and says why", () => {
    const d = resolveIdentity(event({ user: "u2", email: "team@y.io" }), world({ "email:team@y.io": "P1" }, { P1: { user_id: "u1", email: "team@y.io" } }));
    expect(d.target).toBeNull();
    expect(d.rejected).toEqual([{ kind: "email", value: "team@y.io", reason: "belongs_to_another_profile" }]);
    expect(d.claims.map((c) => c.kind)).toEqual(["user"]);
  });

  it("gives a new profile to a second e-mail on an already identified device", () => {
    const d = resolveIdentity(event({ anonymous: "a1", email: "bob@y.io" }), world({ "anonymous:a1": "P1" }, { P1: { email: "ann@y.io" } }));
    expect(d.target).toBeNull();
    expect(d.merge).toEqual([]);
    expect(d.email).toBe("bob@y.io");
  });

  describe("a browser's unverified claim", () => {
    const claim = (o: Partial<EventIds>) => event({ ...o, trusted: false });
    it.each([
      ["identifies its own anonymous profile in place", claim({ anonymous: "a1", email: "x@y.io" }), world({ "anonymous:a1": "P1" }), { target: "P1", merge: [], email: "x@y.io", claimed: null }],
      ["identifies a new visitor", claim({ anonymous: "a1", email: "x@y.io" }), world({}), { target: null, email: "x@y.io", claimed: null }],
      ["speaks for its own identified profile", claim({ anonymous: "a1", email: "x@y.io" }), world({ "anonymous:a1": "P1", "email:x@y.io": "P1" }, { P1: { email: "x@y.io" } }), { target: "P1", claimed: null }],
      [
        "to another profile's e-mail stays with its own profile and links nothing",
        claim({ anonymous: "a2", email: "x@y.io" }), world({ "anonymous:a2": "P2", "email:x@y.io": "P1" }, { P1: { email: "x@y.io" } }),
        { target: "P2", merge: [], claims: [], email: null, claimed: { profile: "P1", identifiers: [{ kind: "email", value: "x@y.io" }] } },
      ],
      [
        "to another profile's e-mail from a new browser gets a profile of its own",
        claim({ anonymous: "a3", email: "x@y.io", phone: "+14155550123" }), world({ "email:x@y.io": "P1" }, { P1: { email: "x@y.io" } }),
        { target: null, merge: [], claims: [{ kind: "anonymous", value: "a3" }], email: null, phone: null, claimed: { profile: "P1" } },
      ],
      [
        "to another profile's user id links nothing either",
        claim({ anonymous: "a2", user: "u1" }), world({ "anonymous:a2": "P2", "user:u1": "P1" }, { P1: { user_id: "u1" } }),
        { target: "P2", merge: [], user_id: null, claimed: { profile: "P1", identifiers: [{ kind: "user", value: "u1" }] } },
      ],
    ])("%s", (_name, ids, known, expected) => {
      expect(resolveIdentity(ids, known)).toMatchObject(expected);
    });
  });

  it("normalises e-mails before looking them up", () => {
    const d = resolveIdentity(event({ email: "  Ada@Example.COM " }), world({ "email:ada@example.com": "P1" }, { P1: { email: "ada@example.com" } }));
    expect(d.target).toBe("P1");
  });
});

describe("junk identifiers", () => {
  it.each([
    ["user", "null", "junk_value"],
    ["user", "UNDEFINED", "junk_value"],
    ["user", "0", "junk_value"],
    ["user", "00000000-0000-0000-0000-000000000000", "junk_value"],
    ["user", "x".repeat(300), "too_long"],
    ["user", { id: 1 }, "not_a_string"],
    ["email", "not-an-email", "malformed_email"],
    ["email", "a@b", "malformed_email"],
    ["phone", "12", "impossible_phone"],
    ["user", "u-123", null],
    ["email", "ada@example.com", null],
    ["phone", "+1 415 555 0123", null],
  ] as const)("%s %j → %s", (kind, value, reason) => {
    expect(junkReason(kind, value)).toBe(reason);
  });

  it("writes parseable phones as E.164", () => {
    expect(normalizePhone("+44 20 7946 0958")).toBe("+442079460958");
    expect(normalizePhone("call me")).toBeNull();
  });
});
