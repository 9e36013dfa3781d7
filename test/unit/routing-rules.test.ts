// Routing rules as a pure function: the first matching rule wins, round robins spread evenly, the fallback catches
// the rest, and a site without owners assigns nobody.
import { describe, expect, it } from "vitest";
import { parseRoutingShape, type RoutingConfig } from "../../schema/routing";
import { chooseOwner, poolKey, ruleMatches, type RoutingFacts } from "../../worker/core/routing/rules";
import { seededRandom } from "../support/seeded-random";

const routing = (input: Record<string, unknown>): RoutingConfig => {
  const parsed = parseRoutingShape(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config;
};

const OWNERS = ["ana", "ben", "chloe", "dev", "eve"].map((id) => ({ id, name: id.toUpperCase() }));

const LEAD: RoutingFacts = {
  country: "PT", grade: "A", label: "ready_to_buy", stage: "mql", channel: "Paid Search",
  traits: { company_size: "200-1000", job_title: "VP Sales", employees: 350 },
};

/** A chooser with counters kept between calls, as consecutive commits would keep them. */
function rotation(config: RoutingConfig) {
  const counters = new Map<string, number>();
  return (facts: RoutingFacts) => {
    const choice = chooseOwner(config, facts, (pool) => counters.get(pool) ?? 0);
    if (choice?.rotation) counters.set(choice.rotation.pool, choice.rotation.position + 1);
    return choice;
  };
}

describe("a rule's conditions", () => {
  it.each([
    ["no condition", {}, true],
    ["its country", { country: "pt" }, true],
    ["another country", { country: "ES" }, false],
    ["its grade among several", { grade: ["A", "B"] }, true],
    ["a grade it does not have", { grade: "C" }, false],
    ["its label", { label: "ready_to_buy" }, true],
    ["another label", { label: "browser" }, false],
    ["its stage", { stage: ["mql", "sql"] }, true],
    ["another stage", { stage: "lead" }, false],
    ["its first channel", { channel: "Paid Search" }, true],
    ["another channel", { channel: "Organic Search" }, false],
    ["a trait matching", { trait: { name: "job_title", matches: "^(vp|head|chief)" } }, true],
    ["a trait not matching", { trait: { name: "job_title", matches: "^intern" } }, false],
    ["a number trait as text", { trait: { name: "employees", matches: "^[3-9]\\d\\d$" } }, true],
    ["a trait the lead lacks", { trait: { name: "budget", matches: "." } }, false],
    ["every condition holding", { country: "PT", grade: "A", label: "ready_to_buy", stage: "mql", channel: "Paid Search" }, true],
    ["one condition of several failing", { country: "PT", grade: "A", channel: "Email" }, false],
  ] as [string, Record<string, unknown>, boolean][])("%s → %s", (_what, when, holds) => {
    const config = routing({ owners: OWNERS, rules: [{ when, assign: "ana" }] });
    expect(ruleMatches(config.rules[0]!.when, LEAD)).toBe(holds);
  });

  it("never matches a country, grade or channel the lead does not have at all", () => {
    const config = routing({ owners: OWNERS, rules: [{ when: { country: "PT" }, assign: "ana" }, { when: { grade: "A" }, assign: "ana" }, { when: { channel: "Direct" }, assign: "ana" }] });
    const unknown = { ...LEAD, country: null, grade: null, channel: null };
    for (const rule of config.rules) expect(ruleMatches(rule.when, unknown)).toBe(false);
  });
});

describe("chooseOwner", () => {
  const config = routing({
    owners: OWNERS,
    rules: [
      { when: { country: ["ES", "PT"], grade: ["A", "B"] }, assign: "ana" },
      { when: { country: ["ES", "PT"] }, assign: "ben" },
      { when: { channel: "Paid Search" }, assign: { round_robin: ["chloe", "dev"] } },
    ],
    fallback: "eve",
  });

  it.each([
    ["an A lead from Portugal: the first rule, though the second and third match too", LEAD, "ana", 0],
    ["a C lead from Spain: the second rule", { ...LEAD, country: "ES", grade: "C" }, "ben", 1],
    ["a paid-search lead from France: the round robin", { ...LEAD, country: "FR" }, "chloe", 2],
    ["an organic lead from France: no rule, the fallback", { ...LEAD, country: "FR", channel: "Organic Search" }, "eve", null],
  ] as [string, RoutingFacts, string, number | null][])("%s", (_what, facts, owner, rule) => {
    expect(chooseOwner(config, facts, () => 0)).toMatchObject({ owner: { id: owner }, rule });
  });

  it("names the round robin's counter and the position it took; the owner is the one at that position", () => {
    const choice = chooseOwner(config, { ...LEAD, country: "FR" }, () => 7);
    expect(choice).toEqual({ owner: { id: "dev", name: "DEV" }, rule: 2, rotation: { pool: poolKey(["chloe", "dev"]), position: 7 } });
  });

  it("assigns nobody when no rule matches and there is no fallback", () => {
    const noFallback = routing({ owners: OWNERS, rules: [{ when: { country: "PT" }, assign: "ana" }] });
    expect(chooseOwner(noFallback, { ...LEAD, country: "DE" }, () => 0)).toBeNull();
  });

  it("assigns nobody when the site has no owners", () => {
    expect(chooseOwner(routing({ owners: [] }), LEAD, () => 0)).toBeNull();
    expect(chooseOwner(routing({ owners: [], rules: [] }), { ...LEAD, country: null }, () => 0)).toBeNull();
  });

  it("gives every lead the fallback when there are no rules", () => {
    expect(chooseOwner(routing({ owners: OWNERS, fallback: "dev" }), LEAD, () => 0)).toMatchObject({ owner: { id: "dev" }, rule: null, rotation: null });
  });
});

describe("round robin over 1,000 leads", () => {
  it.each([2, 3, 5])("spreads evenly over %i owners: max − min ≤ 1, in turn", (n) => {
    const pool = OWNERS.slice(0, n).map((o) => o.id);
    const next = rotation(routing({ owners: OWNERS, rules: [{ when: {}, assign: { round_robin: pool } }] }));
    const counts = new Map(pool.map((id) => [id, 0]));
    const order: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const id = next(LEAD)!.owner.id;
      counts.set(id, counts.get(id)! + 1);
      order.push(id);
    }
    const values = [...counts.values()];
    expect(values.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
    expect(order.slice(0, 2 * n)).toEqual([...pool, ...pool]);
  });

  it("stays even per round robin when leads of mixed kinds interleave with other rules", () => {
    const config = routing({
      owners: OWNERS,
      rules: [
        { when: { grade: "A" }, assign: { round_robin: ["ana", "ben", "chloe"] } },
        { when: { grade: "B" }, assign: "dev" },
        { when: {}, assign: { round_robin: ["dev", "eve"] } },
      ],
    });
    const next = rotation(config);
    const random = seededRandom(42);
    const byPool = { a: new Map<string, number>(), rest: new Map<string, number>() };
    for (let i = 0; i < 1000; i++) {
      const grade = ["A", "B", "C"][Math.floor(random() * 3)]!;
      const choice = next({ ...LEAD, grade })!;
      if (grade === "B") {
        expect(choice.owner.id).toBe("dev");
        continue;
      }
      const tally = grade === "A" ? byPool.a : byPool.rest;
      tally.set(choice.owner.id, (tally.get(choice.owner.id) ?? 0) + 1);
    }
    for (const tally of [byPool.a, byPool.rest]) {
      const values = [...tally.values()];
      expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(1);
    }
    expect([...byPool.a.keys()].sort()).toEqual(["ana", "ben", "chloe"]);
    expect([...byPool.rest.keys()].sort()).toEqual(["dev", "eve"]);
  });
});
