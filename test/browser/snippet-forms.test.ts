// The snippet in real Chromium: form submissions become traits, and secrets never leave the page. Fields go out under
// their hints ("?" + autocomplete, type and name); the collector names the traits, so traits are checked where they
// are stored.
import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningCollector } from "./support/collector";
import type { FixtureServer, Scope } from "./support/fixture-server";
import { snippetSuite } from "./support/snippet-suite";
import { stored } from "./support/stored";

let collector: RunningCollector;
let fixtures: FixtureServer;
let page: Page;
let my: Scope;

snippetSuite((s) => ({ collector, fixtures } = s), { visitor: { blank: true, ready: (v) => ({ page, my } = v) } });
afterEach(async () => {
  await page.close();
});

/** Values in the fixture form that must never be sent, whatever the field. */
const SECRETS = [
  "hunter2-secret-pw", // password
  "4242 4242 4242 4242", // cc-number
  "4242424242424242",
  "4111-1111-1111-1111", // a card number in an innocent-looking field
  "4111111111111111",
  "Ada Card-Holder", // cc-name
  "hidden-token-value-123", // type=hidden
  "otc-918273", // autocomplete=one-time-code
  "otp-564738", // name=otp
  "Ignored-Country-Value", // data-pista-ignore
];

async function submitDemoForm(): Promise<void> {
  await page.goto(`${my.base}/form`);
  await page.click("#submit");
  await page.waitForURL(`${my.base}/thanks`);
}

/** The traits the collector stored with the visitor's form event. */
async function storedFormTraits(anonymousId: string): Promise<Record<string, unknown>> {
  const { events } = await stored(collector, my.base, anonymousId, (events) => events.some((e) => e.type === "form"));
  return events.find((e) => e.type === "form")!.traits;
}

describe("form submissions", () => {
  it("send identity and qualification fields under their hints, named by the form's id", async () => {
    await submitDemoForm();
    const { event } = await my.event((e) => e.k === "form");
    expect(event.n).toBe("demo-request");
    expect(my.path(event.u)).toBe("/form");
    expect(event.tr).toEqual({
      "?email email email": "ada@lovelace.example",
      "? text full_name": "Ada Lovelace",
      "?organization text company": "Analytical Engines Ltd",
      "? text job_title": "Head of Engineering",
      "? tel phone": "+44 20 7946 0958",
      "? select-one budget": "$10k-$50k",
      "? radio timeline": "This quarter",
      "? textarea message": "We need lead scoring for 40 sales reps.",
      colour: "teal",
    });
  });

  it("become traits at the collector", async () => {
    await submitDemoForm();
    const { batch } = await my.event((e) => e.k === "form");
    expect(await storedFormTraits(batch.a!)).toEqual({
      email: "ada@lovelace.example",
      name: "Ada Lovelace",
      company: "Analytical Engines Ltd",
      job_title: "Head of Engineering",
      phone: "+44 20 7946 0958",
      budget: "$10k-$50k",
      timeline: "This quarter",
      need: "We need lead scoring for 40 sales reps.",
      colour: "teal",
    });
  });

  it("never send passwords, card numbers, hidden, one-time-code or ignored fields, in any request", async () => {
    await submitDemoForm();
    await my.event((e) => e.k === "pageview" && my.path(e.u) === "/thanks");
    const bodies = fixtures.received.map((r) => r.body);
    expect(bodies.some((b) => b.includes('"k":"form"'))).toBe(true);
    for (const secret of SECRETS) expect(bodies.filter((b) => b.includes(secret))).toEqual([]);
  });

  it("measure the fill time and leave an empty honeypot unflagged", async () => {
    const before = Date.now();
    await submitDemoForm();
    const { event } = await my.event((e) => e.k === "form");
    expect(event.p!.form_ms).toBeGreaterThanOrEqual(0);
    expect(event.p!.form_ms).toBeLessThanOrEqual(Date.now() - before);
    expect(event.p).not.toHaveProperty("honeypot");
  });

  it("flag a filled honeypot without sending what was typed into it", async () => {
    await page.goto(`${my.base}/form`);
    await page.fill("[name=company_site]", "spam-bot-wrote-this", { force: true });
    await page.click("#submit");
    const { event } = await my.event((e) => e.k === "form");
    expect(event.p!.honeypot).toBe(true);
    expect(fixtures.received.filter((r) => r.body.includes("spam-bot-wrote-this"))).toEqual([]);
  });

  it("are reported when the page's own script handles the submit, named by the form's name", async () => {
    await page.goto(`${my.base}/ajax-form`);
    await page.click("#submit");
    const { event, batch } = await my.event((e) => e.k === "form");
    expect(event.n).toBe("newsletter");
    expect(event.tr).toEqual({ "? text work_email": "grace@hopper.example" });
    expect(await storedFormTraits(batch.a!)).toEqual({ email: "grace@hopper.example" });
  });

  it("are not reported for a form marked data-pista-ignore", async () => {
    await page.goto(`${my.base}/ignored-form`);
    await page.click("#submit");
    await page.waitForURL(`${my.base}/thanks`);
    await my.event((e) => e.k === "pageview" && my.path(e.u) === "/thanks");
    expect(my.events().map(({ event }) => event.k)).not.toContain("form");
    expect(fixtures.received.filter((r) => r.body.includes("private@example.com"))).toEqual([]);
  });
});
