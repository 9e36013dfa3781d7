// Accounts through the real consumer, D1 and API (CONTRACT §13): the people of one company form an account whose score
// is the sum of its people's scores as of the request (people whose last events are days apart, no job run), sorted and
// filtered like profiles; account.qualified is sent exactly once per crossing; e-mail changes and erasures move people;
// an account's owner takes its new people; the committee and the API's validation.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { accountsToLoad } from "../../worker/core/accounts/plan-accounts";
import { planBatch } from "../../worker/core/profiles/plan";
import { storeEvents } from "../../worker/jobs/events";
import { loadAccounts } from "../../worker/store/accounts";
import { commit } from "../../worker/store/commit";
import { loadKnown } from "../../worker/store/consumer";
import { isRotationConflict } from "../../worker/store/routing";
import { api, collectedEvent, createSite, dbOf, deliver, envOf, eventually, profileOf, uid } from "./support";
import { alertReceivers, owner, putRouting, RECEIVER } from "./routing-support";
import { createWebhook } from "./webhooks-support";

const DAY = 86_400_000;

let receivers: ReturnType<typeof alertReceivers>;
beforeEach(() => {
  receivers = alertReceivers();
  // The real WEBHOOKS consumer runs in this isolate and calls the global fetch: it reaches these receivers.
  vi.stubGlobal("fetch", receivers.fetch);
});
afterEach(() => vi.unstubAllGlobals());

interface Person {
  email: string;
  daysAgo?: number;
  /** pages visited after identifying: /pricing +11, /careers −9, /demo with a form +46 */
  pages?: string[];
  demo?: boolean;
  traits?: Record<string, unknown>;
}

/** One person's visit as one queue batch: identify, then the pages, `daysAgo` days ago. */
async function visit(site: string, p: Person, anon = uid("anon")) {
  const at = Date.now() - (p.daysAgo ?? 0) * DAY - 60_000;
  const events = [
    collectedEvent({ site, anonymous_id: anon, at, type: "identify", traits: { email: p.email, ...p.traits } }),
    ...(p.pages ?? []).map((path, i) => collectedEvent({ site, anonymous_id: anon, at: at + 1000 * (i + 1), url: `https://example.com${path}` })),
    ...(p.demo ? [collectedEvent({ site, anonymous_id: anon, at: at + 30_000, url: "https://example.com/demo", type: "form", props: { form_ms: 20_000 } })] : []),
  ];
  await deliver([{ v: 1, events }]);
  return profileOf(site, anon);
}

const accounts = async (site: string, query = "") => (await api(`/api/v1/accounts?site=${site}&sort=score${query}`)).body;
const account = async (id: string) => (await api(`/api/v1/accounts/${id}`)).body;
const patchProfile = (id: string, body: unknown) => api(`/api/v1/profiles/${id}`, { method: "PATCH", body: JSON.stringify(body) });
const setSettings = (site: string, settings: Record<string, unknown>) => api(`/api/v1/sites/${site}`, { method: "PATCH", body: JSON.stringify({ settings }) });
const qualifiedRows = async (site: string) =>
  (await (await dbOf(site)).prepare("SELECT * FROM webhook_outbox WHERE site = ?1 AND type = 'account.qualified' ORDER BY created_at").bind(site).all<Record<string, any>>()).results;

/** The sum of the scores GET /api/v1/profiles/{id} shows for an account's people, read now. */
async function sumOfPeople(id: string): Promise<{ sum: number; people: number }> {
  const detail = await account(id);
  const scores = await Promise.all(detail.people.map(async (p: { id: string }) => (await api(`/api/v1/profiles/${p.id}`)).body.score as number));
  return { sum: scores.reduce((a, b) => a + b, 0), people: scores.length };
}

describe("GET /api/v1/accounts", () => {
  it("sums each account's people as of the request and sorts by it, with their last events days apart and no job run", async () => {
    const { id: site } = await createSite();
    const tag = uid("c");
    // Three lukewarm people, one, two and three days ago: about 31 together.
    for (const [i, daysAgo] of [1, 2, 3].entries()) await visit(site, { email: `p${i}@north-${tag}.com`, daysAgo, pages: ["/pricing"] });
    // One person who was hot 40 days ago (46 points then, about 18 now): first by the scores as they were written.
    await visit(site, { email: `old@south-${tag}.com`, daysAgo: 40, pages: ["/pricing"], demo: true });
    // A hot person two days ago and a candidate reading careers pages (a negative score) today: about 35.
    await visit(site, { email: `hot@east-${tag}.com`, daysAgo: 2, demo: true });
    await visit(site, { email: `job@mail.east-${tag}.com`, pages: ["/careers"] });
    // Hot, but free-mail and disposable: no account.
    await visit(site, { email: `${tag}@gmail.com`, demo: true });
    await visit(site, { email: `${tag}@mailinator.com`, demo: true });

    const list = await accounts(site);
    expect(list.data.map((a: any) => a.domain)).toEqual([`east-${tag}.com`, `north-${tag}.com`, `south-${tag}.com`]);
    expect(list.data.map((a: any) => a.people)).toEqual([2, 3, 1]);
    expect(list.next_cursor).toBeNull();
    for (const a of list.data) {
      expect(Object.keys(a)).toEqual(expect.arrayContaining(["id", "domain", "name", "score", "grade", "people", "stage", "label", "last_seen"]));
      const { sum, people } = await sumOfPeople(a.id);
      expect(people).toBe(a.people);
      // Each profile's score is shown to two decimals, and so is the account's.
      expect(Math.abs(a.score - sum)).toBeLessThanOrEqual(0.005 * (people + 1) + 1e-9);
    }
    const sums = await Promise.all(list.data.map(async (a: any) => (await sumOfPeople(a.id)).sum));
    expect([...sums].sort((x, y) => y - x)).toEqual(sums);
    // The written scores would have put the old demo request first; the sums as of now do not.
    expect(list.data[2].score).toBeLessThan(list.data[1].score);
    // min_score bounds the same sums.
    const hot = await accounts(site, `&min_score=${list.data[1].score}`);
    expect(hot.data.map((a: any) => a.domain)).toEqual([`east-${tag}.com`, `north-${tag}.com`]);
  });

  it("groups subdomains of one company, names it by its people's company, and lists its people through the profiles API", async () => {
    const { id: site } = await createSite();
    const tag = uid("c");
    const ana = await visit(site, { email: `ana@mail.${tag}.co.uk`, traits: { company: "Initech" } });
    const ben = await visit(site, { email: `ben@eu.${tag}.co.uk`, traits: { company: "Initech Ltd" } });
    const cy = await visit(site, { email: `cy@${tag}.co.uk`, traits: { company: "initech" } });
    const dee = await visit(site, { email: `dee@gmail.com`, traits: { company: "Initech" } });
    const [a] = (await accounts(site)).data;
    expect(a).toMatchObject({ domain: `${tag}.co.uk`, name: "Initech", people: 3, stage: "lead" });
    for (const p of [ana, ben, cy]) expect((await api(`/api/v1/profiles/${p.id}`)).body.account).toEqual({ id: a.id, domain: `${tag}.co.uk`, name: "Initech" });
    expect((await api(`/api/v1/profiles/${dee.id}`)).body.account).toBeNull();
    const people = (await api(`/api/v1/profiles?site=${site}&account=${a.id}`)).body.data.map((p: any) => p.id).sort();
    expect(people).toEqual([ana.id, ben.id, cy.id].sort());
  });

  it("pages forwards and backwards hottest first, and filters by name or domain, stage and minimum score", async () => {
    const { id: site } = await createSite();
    const tag = uid("c");
    for (let i = 0; i < 5; i++) await visit(site, { email: `x@co${i}-${tag}.com`, pages: Array(i + 1).fill("/pricing"), traits: { company: `Company ${i}` } });
    const all = (await accounts(site)).data.map((a: any) => a.domain);
    expect(all).toEqual([4, 3, 2, 1, 0].map((i) => `co${i}-${tag}.com`));
    const p1 = await accounts(site, "&limit=2");
    const p2 = await accounts(site, `&limit=2&cursor=${p1.next_cursor}`);
    const p3 = await accounts(site, `&limit=2&cursor=${p2.next_cursor}`);
    expect([p1, p2, p3].map((p) => p.data.map((a: any) => a.domain))).toEqual([all.slice(0, 2), all.slice(2, 4), all.slice(4)]);
    expect([p1.prev_cursor, p3.next_cursor]).toEqual([null, null]);
    const back = await accounts(site, `&limit=2&before=${p3.prev_cursor}`);
    expect(back.data.map((a: any) => a.domain)).toEqual(all.slice(2, 4));
    const first = await accounts(site, `&limit=2&before=${back.prev_cursor}`);
    expect(first.data.map((a: any) => a.domain)).toEqual(all.slice(0, 2));
    expect(first.prev_cursor).toBeNull();
    expect((await accounts(site, "&q=COMPANY%203")).data.map((a: any) => a.domain)).toEqual([`co3-${tag}.com`]);
    expect((await accounts(site, `&q=co1-${tag}`)).data.map((a: any) => a.domain)).toEqual([`co1-${tag}.com`]);
    expect((await accounts(site, "&stage=lead")).data).toHaveLength(5);
    expect((await accounts(site, "&stage=mql")).data).toEqual([]);
  });

  it("answers 400 naming the parameter for a bad query, 404 for an unknown account, and keeps sites apart", async () => {
    const { id: site } = await createSite();
    const other = await createSite();
    for (const [query, path] of [["&limit=0", "limit"], ["&stage=hot", "stage"], ["&cursor=nonsense", "cursor"], ["&before=nonsense", "before"], ["&cursor=a&before=b", "before"], ["&min_score=lots", "min_score"], ["&sort=name", "sort"]]) {
      const res = await api(`/api/v1/accounts?site=${site}${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.issues.map((i: any) => i.path), query).toContain(path);
    }
    expect((await api("/api/v1/accounts/ac_000000000000000000000000")).status).toBe(404);
    const p = await visit(site, { email: `ana@${uid("c")}.com` });
    expect((await api(`/api/v1/accounts?site=${site}`, { token: other.read_key })).status).toBe(403);
    expect((await api(`/api/v1/accounts/${p.account.id}`, { token: other.read_key })).status).toBe(404);
    expect((await api(`/api/v1/accounts/${p.account.id}`, { token: (await api(`/api/v1/sites/${site}/keys`, { method: "POST", body: JSON.stringify({ key: "read" }) })).body.read_key })).status).toBe(200);
  });
});

describe("GET /api/v1/accounts/{id}", () => {
  it("shows the buying committee: each person's job title, role, score and stage, and the roles nobody holds yet", async () => {
    const { id: site } = await createSite();
    const tag = uid("c");
    await visit(site, { email: `cto@${tag}.com`, demo: true, traits: { job_title: "CTO", company: "Globex" } });
    await visit(site, { email: `dev@${tag}.com`, pages: ["/pricing"], traits: { job_title: "Software Engineer" } });
    const [a] = (await accounts(site)).data;
    const detail = await account(a.id);
    expect(detail).toMatchObject({ id: a.id, domain: `${tag}.com`, name: "Globex", people_count: 2, committee: { decision_maker: 1, influencer: 0, user: 1, unknown: 0, missing: ["influencer"] } });
    expect(detail.people.map((p: any) => [p.job_title, p.role])).toEqual([["CTO", "decision_maker"], ["Software Engineer", "user"]]);
    for (const p of detail.people) {
      const profile = (await api(`/api/v1/profiles/${p.id}`)).body;
      expect(p).toMatchObject({ score: profile.score, stage: profile.stage, grade: profile.grade, email: profile.email });
    }
    expect(detail.grade).toBe(detail.people[0].grade); // the CTO's grade is the best
  });
});

describe("people moving", () => {
  it("moves a person whose e-mail the CRM changed, and the old account's score drops to the sum of who is left", async () => {
    const { id: site } = await createSite();
    const tag = uid("c");
    await visit(site, { email: `ana@old-${tag}.com`, pages: ["/pricing"] });
    const ben = await visit(site, { email: `ben@old-${tag}.com`, pages: ["/pricing", "/pricing"] });
    const [before] = (await accounts(site)).data;
    expect(before.people).toBe(2);
    const moved = await patchProfile(ben.id, { traits: { email: `ben@new-${tag}.com` } });
    expect(moved.status).toBe(200);
    expect(moved.body.account.domain).toBe(`new-${tag}.com`);
    const after = (await accounts(site)).data;
    expect(after.map((a: any) => [a.domain, a.people])).toEqual([[`new-${tag}.com`, 1], [`old-${tag}.com`, 1]]);
    const old = after.find((a: any) => a.domain === `old-${tag}.com`);
    expect(old.score).toBeLessThan(before.score);
    expect(Math.abs(old.score - (await sumOfPeople(old.id)).sum)).toBeLessThanOrEqual(0.01);
  });

  it("takes an erased person out of their account in the erasure's own transaction", async () => {
    const { id: site } = await createSite();
    const tag = uid("c");
    await visit(site, { email: `ana@${tag}.com`, pages: ["/pricing"] });
    const ben = await visit(site, { email: `ben@${tag}.com`, pages: ["/pricing"] });
    expect((await api(`/api/v1/profiles/${ben.id}`, { method: "DELETE" })).status).toBe(204);
    const [a] = (await accounts(site)).data;
    expect(a.people).toBe(1);
    expect(Math.abs(a.score - (await sumOfPeople(a.id)).sum)).toBeLessThanOrEqual(0.01);
  });
});

describe("account.qualified", () => {
  it("is sent exactly once per crossing of settings.account_mql_min_score, with hysteresis", async () => {
    const { id: site } = await createSite();
    expect((await setSettings(site, { account_mql_min_score: 30, account_mql_hysteresis: 5 })).status).toBe(200);
    const hook = await createWebhook(site, { url: `${RECEIVER}/crm`, events: ["account.qualified"] });
    const tag = uid("c");
    const domain = `${tag}.com`;
    const anons = [uid("a"), uid("b"), uid("c")] as const;
    await visit(site, { email: `a@${domain}`, pages: ["/pricing"] }, anons[0]);
    const b = await visit(site, { email: `b@${domain}`, pages: ["/pricing"] }, anons[1]);
    expect(await qualifiedRows(site)).toEqual([]); // 11 + 11: nobody, and not the two together, is at 30
    const third = [collectedEvent({ site, anonymous_id: anons[2], type: "identify", traits: { email: `c@${domain}` } }), collectedEvent({ site, anonymous_id: anons[2], url: "https://example.com/pricing" })];
    await deliver([{ v: 1, events: third }]); // 33: the crossing
    await deliver([{ v: 1, events: third }]); // the queue redelivers the batch: nothing new
    await visit(site, { email: `a@${domain}`, pages: ["/pricing"] }, anons[0]); // 44, higher still: no new crossing
    const rows = await qualifiedRows(site);
    expect(rows).toHaveLength(1);
    const [a] = (await accounts(site)).data;
    expect(a).toMatchObject({ stage: "mql", people: 3 });
    expect(rows[0]).toMatchObject({ profile_id: a.id });
    expect(JSON.parse(rows[0]!.data)).toMatchObject({ min_score: 30, people: 3 });

    // b leaves (free-mail now): 22 + 11 = 33, still over the lower line (25): still qualified, nothing sent.
    await patchProfile(b.id, { traits: { email: `b@gmail.com` } });
    expect((await account(a.id)).stage).toBe("mql");
    // c leaves too: 22, below the lower line: no longer qualified.
    const c = await profileOf(site, anons[2]);
    await patchProfile(c.id, { traits: { email: `c@gmail.com` } });
    expect((await account(a.id)).stage).toBe("lead");
    expect(await qualifiedRows(site)).toHaveLength(1);
    // b comes back: 33, over 30 again — a crossing: a second message, once; c coming back adds none.
    await patchProfile(b.id, { traits: { email: `b@${domain}` } });
    expect(await qualifiedRows(site)).toHaveLength(2);
    await patchProfile(c.id, { traits: { email: `c@${domain}` } });
    expect(await qualifiedRows(site)).toHaveLength(2);

    // Test files share the runtime: only this site's calls count.
    const mine = () => receivers.received.filter((r) => r.kind === "other" && r.body.data?.account?.site === site);
    await eventually(async () => mine().length === 2);
    const calls = mine();
    expect(calls.map((r) => r.body.type)).toEqual(["account.qualified", "account.qualified"]);
    expect(calls[0]!.body.data).toMatchObject({ account: { id: a.id, domain, people: 3, stage: "mql" }, min_score: 30 });
    expect(calls[0]!.body.data.account.score).toBeGreaterThanOrEqual(30);
    const deliveries = (await api(`/api/v1/webhooks/${hook.id}/deliveries`)).body.data;
    expect(deliveries.map((d: any) => d.status)).toEqual(["delivered", "delivered"]);
    expect(new Set(deliveries.map((d: any) => d.webhook_id)).size).toBe(2);
  });

  it("reaches webhooks with the account, and alerts the account's owner in Slack without naming any person", async () => {
    const { id: site } = await createSite();
    await setSettings(site, { account_mql_min_score: 40 });
    await putRouting(site, { owners: [owner("ana")], rules: [], fallback: "ana", assign_at: "lead" });
    const hook = await createWebhook(site, { url: `${RECEIVER}/crm`, events: ["account.qualified"] });
    const tag = uid("c");
    await visit(site, { email: `cto@${tag}.com`, pages: ["/pricing", "/pricing"], traits: { job_title: "CTO", company: "Umbrella" } });
    await visit(site, { email: `dev@${tag}.com`, pages: ["/pricing", "/pricing"], traits: { job_title: "Developer" } });
    // Test files share the runtime: only this site's calls count.
    const crmCall = () => receivers.received.find((r) => r.kind === "other" && r.body.data?.account?.site === site);
    const alerted = () => receivers.to("slack", "ana").find((r) => r.body.text.startsWith("Account heating up") && JSON.stringify(r.body).includes(`site=${site}`));
    await eventually(async () => crmCall() && alerted());
    const crm = crmCall()!;
    expect(crm.body).toMatchObject({ type: "account.qualified", data: { account: { domain: `${tag}.com`, name: "Umbrella", owner: { id: "ana" } } } });
    const [delivery] = (await api(`/api/v1/webhooks/${hook.id}/deliveries`)).body.data;
    expect(delivery.status).toBe("delivered");
    const slack = alerted()!.body;
    expect(slack.text).toMatch(/^Account heating up for Ana: Umbrella \(/);
    const blocks = JSON.stringify(slack.blocks);
    expect(blocks).toContain("1 decision maker, 0 influencers, 1 user");
    expect(blocks).toContain("/dashboard/accounts/");
    expect(blocks).not.toContain(`cto@${tag}.com`); // an account alert names no person
  });
});

describe("routing by account", () => {
  it("gives an account's new people to its owner before the rules, and to the owner set by PATCH", async () => {
    const { id: site } = await createSite();
    await putRouting(site, { owners: [owner("ana"), owner("ben"), owner("eve")], rules: [{ when: {}, assign: { round_robin: ["ana", "ben"] } }], assign_at: "lead" });
    const tag = uid("c");
    const first = await visit(site, { email: `one@acme-${tag}.com` });
    const second = await visit(site, { email: `two@acme-${tag}.com` });
    const other = await visit(site, { email: `one@globex-${tag}.com` });
    expect([first.owner?.id, second.owner?.id, other.owner?.id]).toEqual(["ana", "ana", "ben"]);
    const acme = (await accounts(site, `&q=acme-${tag}`)).data[0];
    expect(acme.owner).toEqual({ id: "ana", name: "Ana" });
    const assigned = (await (await dbOf(site)).prepare("SELECT data FROM webhook_outbox WHERE profile_id = ?1 AND type = 'profile.assigned'").bind(second.id).first<{ data: string }>())!;
    expect(JSON.parse(assigned.data)).toMatchObject({ by: "routing", rule: null, account: { id: acme.id, domain: `acme-${tag}.com` } });

    const patched = await api(`/api/v1/accounts/${acme.id}`, { method: "PATCH", body: JSON.stringify({ owner: "eve", name: "Acme Inc." }) });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ owner: { id: "eve", name: "Eve" }, name: "Acme Inc." });
    expect((await api(`/api/v1/profiles/${first.id}`)).body).toMatchObject({ owner: { id: "ana" }, account: { name: "Acme Inc." } });
    const third = await visit(site, { email: `three@acme-${tag}.com` });
    expect(third.owner?.id).toBe("eve");
    expect((await accounts(site, "&owner=eve")).data.map((a: any) => a.id)).toEqual([acme.id]);
    expect((await accounts(site, "&owner=ben")).data.map((a: any) => a.domain)).toEqual([`globex-${tag}.com`]);
    expect((await accounts(site, "&owner=none")).data).toEqual([]);

    const bad = await api(`/api/v1/accounts/${acme.id}`, { method: "PATCH", body: JSON.stringify({ owner: "nobody" }) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: any) => i.path)).toContain("owner");
    const readKey = (await api(`/api/v1/sites/${site}/keys`, { method: "POST", body: JSON.stringify({ key: "read" }) })).body.read_key;
    expect((await api(`/api/v1/accounts/${acme.id}`, { method: "PATCH", body: JSON.stringify({ owner: null }), token: readKey })).status).toBe(403);
  });
});

describe("two batches changing one account's people at once", () => {
  it("cannot both commit a sum made from the same read: the second is refused whole, planned again, and the sum is right", async () => {
    const { id: site } = await createSite();
    const tag = uid("c");
    await visit(site, { email: `ana@${tag}.com`, pages: ["/pricing"] });
    const batch = (who: string, anonymous_id = uid(who)) => [
      collectedEvent({ site, anonymous_id, type: "identify", traits: { email: `${who}@${tag}.com` } }),
      collectedEvent({ site, anonymous_id, url: "https://example.com/pricing" }),
    ];
    const [first, second] = [batch("ben"), batch("cy")];
    const now = Date.now();
    const db = await dbOf(site);
    const planned = await Promise.all([first, second].map(async (events) => {
      const known = await loadKnown(db, events);
      const accounts = await loadAccounts(db, [site], accountsToLoad(known.profiles.values(), known.fresh));
      return planBatch(known.fresh, { ...known, accounts }, { now, newId: () => uid("p_") });
    }));
    // Both read the account with Ana alone, so each planned Ana and its own person: two people.
    expect(planned.map((p) => p.accounts[0]!.record.people)).toEqual([2, 2]);
    await commit(db, planned[0]!, now);
    const refused = await commit(db, planned[1]!, now).then(() => null, (err: unknown) => err);
    expect(isRotationConflict(refused)).toBe(true);
    expect(await db.prepare("SELECT COUNT(*) AS n FROM profiles WHERE id = ?1").bind(planned[1]!.profiles[0]!.id).first("n")).toBe(0);
    await storeEvents(await envOf(site), second, { now });
    const [a] = (await accounts(site)).data;
    expect(a.people).toBe(3);
    expect(Math.abs(a.score - (await sumOfPeople(a.id)).sum)).toBeLessThanOrEqual(0.02);
  });
});

describe("site settings", () => {
  it("default the account threshold to 100 with a hysteresis of 20, and refuse a threshold that is not a positive number", async () => {
    const site = await createSite();
    expect((await api(`/api/v1/sites/${site.id}`)).body.settings).toMatchObject({ account_mql_min_score: 100, account_mql_hysteresis: 20 });
    const bad = await setSettings(site.id, { account_mql_min_score: -5, account_mql_hysteresis: "lots" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: any) => i.path).sort()).toEqual(["settings.account_mql_hysteresis", "settings.account_mql_min_score"]);
    expect((await setSettings(site.id, { account_mql_min_score: 250 })).body.settings).toMatchObject({ account_mql_min_score: 250, account_mql_hysteresis: 20 });
  });
});
