// The accounts pages in real Chromium against the shared collector: the list hottest first by summed score, its filters
// (name or domain, minimum score, stage) and previous/next paging; an account's page with its buying committee and the
// roles nobody holds; the account on a profile page; an admin setting the account's owner.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./support/browser";
import { sharedCollector, type RunningCollector } from "./support/collector";
import { signIn } from "./support/dashboard";

const DAY = 86_400_000;
let collector: RunningCollector;
let browser: Browser;
let site = "";
const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** 27 companies, one person each (a pricing page: the older the visit, the lower the score), and one company of three
 *  whose people together are the hottest account though each is lukewarm. All sent in one Segment batch. */
function seed(writeKey: string) {
  const batch: Record<string, unknown>[] = [];
  const person = (anon: string, email: string, traits: Record<string, unknown>, daysAgo: number, pages: string[]) => {
    const at = Date.now() - daysAgo * DAY - 60_000;
    batch.push({ type: "identify", anonymousId: anon, traits: { email, ...traits }, timestamp: new Date(at).toISOString() });
    pages.forEach((path, i) => batch.push({ type: "page", anonymousId: anon, properties: { url: `http://localhost${path}` }, timestamp: new Date(at + 1000 * (i + 1)).toISOString() }));
  };
  for (let i = 0; i < 27; i++) person(`solo${i}-${tag}`, `buyer@co${i}-${tag}.com`, { company: `Company ${i}` }, i + 1, ["/pricing"]);
  person(`cto-${tag}`, `cto@globex-${tag}.com`, { company: "Globex", job_title: "CTO", name: "Cleo CTO" }, 0, ["/pricing"]);
  person(`eng-${tag}`, `eng@mail.globex-${tag}.com`, { company: "Globex", job_title: "Software Engineer", name: "Eli Engineer" }, 1, ["/pricing"]);
  person(`ops-${tag}`, `ops@eu.globex-${tag}.com`, { company: "Globex", job_title: "Software Engineer", name: "Oli Ops" }, 2, ["/pricing"]);
  person(`free-${tag}`, `someone-${tag}@gmail.com`, { company: "Freelance" }, 0, ["/pricing", "/pricing"]);
  return fetch(`${collector.url}/v1/batch`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Basic ${btoa(`${writeKey}:`)}` },
    body: JSON.stringify({ batch }),
  });
}

beforeAll(async () => {
  collector = sharedCollector();
  browser = await launchBrowser();
  const s = await collector.site({ name: "Accounts e2e" });
  site = s.id;
  // The three people of Globex (about 32 together) qualify the account; nobody alone (11 at most) comes near.
  await collector.api(`/api/v1/sites/${site}`, { method: "PATCH", body: JSON.stringify({ settings: { account_mql_min_score: 30 } }) });
  await collector.api(`/api/v1/sites/${site}/routing`, { method: "PUT", body: JSON.stringify({ owners: [{ id: "ana", name: "Ana" }, { id: "ben", name: "Ben" }], rules: [] }) });
  expect((await seed(s.write_key)).status).toBe(200);
  await collector.eventually(async () => {
    const { body } = await collector.api(`/api/v1/accounts?site=${site}&limit=100`);
    return body.data.length === 28 && body.data[0].people === 3;
  }, 30_000);
});
afterAll(async () => {
  await browser?.close();
});

const signedIn = async (): Promise<Page> => (await signIn(browser, collector.url)).page;

const rows = (page: Page) => page.$$eval("#accounts tbody tr", (trs) => trs.map((tr) => ({ id: tr.getAttribute("data-account"), score: Number(tr.querySelector("[data-score]")!.getAttribute("data-score")), name: tr.querySelector("th a")!.textContent })));

describe("the accounts pages", () => {
  it("lists accounts hottest first, filters them, and pages forwards and back", async () => {
    const page = await signedIn();
    await page.goto(`${collector.url}/dashboard/leads?site=${site}`);
    await Promise.all([page.waitForURL(/\/dashboard\/accounts/), page.click('nav.main a[href^="/dashboard/accounts"]')]);
    const first = await rows(page);
    expect(first).toHaveLength(25);
    expect(first[0]!.name).toBe("Globex");
    expect(first.map((r) => r.score)).toEqual([...first.map((r) => r.score)].sort((a, b) => b - a));
    expect(await page.$('a[rel="prev"]')).toBeNull();
    await Promise.all([page.waitForURL(/cursor=/), page.click('a[rel="next"]')]);
    const second = await rows(page);
    expect(second).toHaveLength(3);
    expect(second[0]!.score).toBeLessThanOrEqual(first[24]!.score);
    expect(new Set([...first, ...second].map((r) => r.id)).size).toBe(28);
    expect(await page.$('a[rel="next"]')).toBeNull();
    await Promise.all([page.waitForURL(/before=/), page.click('a[rel="prev"]')]);
    expect((await rows(page)).map((r) => r.id)).toEqual(first.map((r) => r.id));

    await page.goto(`${collector.url}/dashboard/accounts?site=${site}`);
    await page.fill("#f-q", "company 1");
    await Promise.all([page.waitForURL(/q=company/), page.click(".filters button[type=submit]")]);
    expect((await rows(page)).map((r) => r.name).sort()).toEqual(["Company 1", ...Array.from({ length: 10 }, (_, i) => `Company 1${i}`)].sort());
    await page.fill("#f-q", "");
    await page.fill("#f-min", "20");
    await Promise.all([page.waitForURL(/min_score=20/), page.click(".filters button[type=submit]")]);
    expect((await rows(page)).map((r) => r.name)).toEqual(["Globex"]);
    await page.fill("#f-min", "");
    await page.selectOption("#f-stage", "mql");
    await Promise.all([page.waitForURL(/stage=mql/), page.click(".filters button[type=submit]")]);
    expect((await rows(page)).map((r) => r.name)).toEqual(["Globex"]);
    expect(await page.textContent('#accounts td[data-stage]')).toBe("mql");
  });

  it("shows an account's committee with the missing roles, links its people both ways, and takes an owner", async () => {
    const page = await signedIn();
    await page.goto(`${collector.url}/dashboard/accounts?site=${site}&q=globex`);
    await Promise.all([page.waitForURL(/\/dashboard\/accounts\/ac_/), page.click("#accounts tbody th a")]);
    expect(await page.textContent("h1")).toBe("Globex");
    expect(await page.textContent("#committee-counts")).toBe("1 decision maker · 0 influencers · 2 users");
    expect(await page.$$eval("#committee-missing [data-missing]", (ps) => ps.map((p) => p.getAttribute("data-missing")))).toEqual(["influencer"]);
    const people = await page.$$eval("#people tbody tr", (trs) => trs.map((tr) => [tr.querySelector("th")!.textContent, tr.getAttribute("data-role")]));
    expect(people).toEqual([["Cleo CTO", "decision_maker"], ["Eli Engineer", "user"], ["Oli Ops", "user"]]);
    const accountUrl = page.url();

    await Promise.all([page.waitForURL(/\/dashboard\/profiles\//), page.click("#people tbody tr:first-child th a")]);
    expect(await page.textContent("#profile-account")).toContain("Globex");
    await Promise.all([page.waitForURL(/\/dashboard\/accounts\/ac_/), page.click("#profile-account a")]);
    expect(page.url()).toBe(accountUrl);

    expect(await page.textContent("#account-owner")).toContain("Nobody yet");
    await page.selectOption("#account-owner-select", "ben");
    await Promise.all([page.waitForURL(/notice=account_owner/), page.click("#account-owner-h ~ form button[type=submit]")]);
    expect(await page.textContent("#account-owner")).toContain("Ben");
    const id = new URL(accountUrl).pathname.split("/").pop();
    expect((await collector.api(`/api/v1/accounts/${id}`)).body.owner).toEqual({ id: "ben", name: "Ben" });
  });
});
