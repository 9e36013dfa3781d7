// The snippet in real Chromium on pages built the way sites are built today: a form of Shoelace web components (npm),
// a form and links inside a shadow root, a React app with a client router, controlled forms and titles set after
// each route renders, a lead form that is no <form>, and a page whose own history wrapper throws.
import type { BrowserContext, Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import type { WireEvent } from "../../schema/wire";
import type { RunningCollector } from "./support/collector";
import type { FixtureServer, Scope } from "./support/fixture-server";
import { snippetSuite } from "./support/snippet-suite";
import { stored, type StoredEvent } from "./support/stored";

let collector: RunningCollector;
let fixtures: FixtureServer;
let context: BrowserContext;
let page: Page;
let my: Scope;

snippetSuite((s) => ({ collector, fixtures } = s), { apps: true, visitor: { partner: true, blank: true, ready: (v) => ({ context, page, my } = v) } });
afterEach(async () => {
  for (const p of context.pages()) await p.close();
});

/** The visitor's events as the collector stored them (below this test's pages), once `until` holds. */
async function storedEvents(until: (events: StoredEvent[]) => boolean): Promise<StoredEvent[]> {
  await my.event(() => true);
  return (await stored(collector, my.base, my.events()[0]!.batch.a!, until)).events;
}
const formsIn = (events: StoredEvent[]) => events.filter((e) => e.type === "form");
/** Every request body the collector received, for "never sent" checks. */
const bodies = () => fixtures.received.map((r) => r.body).join("\n");

describe("web components (Shoelace)", () => {
  it("a form of <sl-input>s, which form.elements does not list, sends their values; the password stays", async () => {
    await page.goto(`${my.base}/shoelace`);
    await page.waitForFunction(() => customElements.get("sl-input") && customElements.get("sl-button"));
    await page.fill("sl-input[name=email] input", "grace@hopper.example");
    await page.fill("sl-input[name=full_name] input", "Grace Hopper");
    await page.fill("sl-input[name=organization] input", "Compilers Inc");
    await page.fill("sl-input[name=password] input", "sl-secret-password");
    await page.fill("sl-textarea[name=message] textarea", "A demo for 12 sellers");
    await page.click("sl-checkbox[name=newsletter]");
    // Why FormData: the form's own list of fields holds none of the web components.
    expect(await page.evaluate(() => (document.getElementById("sl-demo") as HTMLFormElement).elements.length)).toBe(0);
    await page.click("sl-button#submit");
    await page.waitForURL(`${my.base}/thanks`);
    const { event } = await my.event((e) => e.k === "form");
    expect(event.n).toBe("sl-demo");
    // Hints from the components' properties: sl-textarea has no type, and autocomplete is unset unless given.
    expect(event.tr).toEqual({
      "?email email email": "grace@hopper.example",
      "?undefined text full_name": "Grace Hopper",
      "?undefined text organization": "Compilers Inc",
      "?undefined undefined message": "A demo for 12 sellers",
    });
    const [form] = formsIn(await storedEvents((events) => formsIn(events).length > 0));
    expect(form!.traits).toEqual({ email: "grace@hopper.example", name: "Grace Hopper", company: "Compilers Inc", need: "A demo for 12 sellers" });
    expect(bodies()).not.toContain("sl-secret-password");
  });
});

describe("shadow DOM", () => {
  it("a form inside an open shadow root is seen (submit does not leave the root); its password is not", async () => {
    await page.goto(`${my.base}/shadow`);
    await page.waitForFunction(() => document.querySelector("lead-card")?.shadowRoot);
    await page.click("#shadow-submit");
    await page.waitForURL(`${my.base}/thanks`);
    const { event } = await my.event((e) => e.k === "form");
    expect(event.n).toBe("shadow-form");
    const [form] = formsIn(await storedEvents((events) => formsIn(events).length > 0));
    expect(form!.traits).toEqual({ email: "shadow@lead.example", company: "Shadow Works" });
    expect(bodies()).not.toContain("shadow-secret-pw");
  });

  it("a form inside a shadow root submitted with Enter is seen too (Enter clicks the form's default button)", async () => {
    await page.goto(`${my.base}/shadow`);
    await page.waitForFunction(() => document.querySelector("lead-card")?.shadowRoot);
    await page.focus("lead-card input[name=company]");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${my.base}/thanks`);
    expect((await my.event((e) => e.k === "form")).event.n).toBe("shadow-form");
  });

  it("links inside a shadow root are seen (a click's target at window is the host, not the link)", async () => {
    await page.goto(`${my.base}/shadow`);
    await page.waitForFunction(() => document.querySelector("lead-card")?.shadowRoot);
    await page.click("#shadow-pdf");
    await page.click("#shadow-outbound-label");
    await page.waitForURL("https://partner.example/from-shadow");
    const links = (events: StoredEvent[]) => events.filter((e) => e.type === "outbound" || e.type === "download").map((e) => [e.type, e.name]);
    const events = await storedEvents((events) => links(events).length === 2);
    expect(links(events)).toEqual([
      ["download", `${my.base}/files/shadow-guide.pdf`],
      ["outbound", "https://partner.example/from-shadow"],
    ]);
  });
});

describe("a React app with a client router", () => {
  const viewsIn = (events: StoredEvent[]) => events.filter((e) => e.type === "pageview").map((e) => [my.path(e.url!), e.title]);

  it("counts each route with the title the app sets after rendering it", async () => {
    await page.goto(`${my.base}/app/`);
    await page.waitForFunction(() => document.title === "Home — Acme");
    await page.click("#nav-pricing");
    await page.waitForFunction(() => document.title === "Pricing — Acme");
    await page.click("#nav-contact");
    await page.waitForFunction(() => document.title === "Contact — Acme");
    const events = await storedEvents((events) => viewsIn(events).length === 3);
    expect(viewsIn(events)).toEqual([
      ["/app/", "Home — Acme"],
      ["/app/pricing", "Pricing — Acme"],
      ["/app/contact", "Contact — Acme"],
    ]);
  });

  it("reads a controlled <form> whose inputs have no name (by id), submitted with fetch; not its password", async () => {
    await page.goto(`${my.base}/app/contact`);
    await page.fill("#email", "linus@kernel.example");
    await page.fill("#full_name", "Linus T");
    await page.fill("#company", "Kernel Co");
    await page.click("#contact-submit");
    await page.waitForURL(`${my.base}/app/thanks`);
    const { event } = await my.event((e) => e.k === "form");
    expect(event.n).toBe("contact-form");
    const [form] = formsIn(await storedEvents((events) => formsIn(events).length > 0));
    expect(form!.traits).toEqual({ email: "linus@kernel.example", name: "Linus T", company: "Kernel Co" });
    expect(bodies()).not.toContain("react-secret-pw");
  });

  it("records a lead widget that is no <form> (an e-mail field and a button), without markup", async () => {
    await page.goto(`${my.base}/app/newsletter`);
    // A click elsewhere first, with the e-mail typed: the page-wide wrapper holds other buttons, so nothing is sent.
    await page.fill("input[type=email]", "ada@engines.example");
    await page.click("#toggle-theme");
    await page.click("#subscribe");
    await page.waitForSelector("#subscribed");
    const sent = (await my.event((e) => e.k === "form")).event;
    expect(sent.n).toBe(""); // the container has no id
    const events = await storedEvents((events) => formsIn(events).length > 0);
    expect(formsIn(events).map((e) => e.traits)).toEqual([{ email: "ada@engines.example" }]);
    expect(my.events().filter(({ event }) => event.k === "form")).toHaveLength(1);
  });

  it("sends nothing for the widget's button while its e-mail field is empty", async () => {
    await page.goto(`${my.base}/app/newsletter`);
    await page.click("#subscribe");
    await page.waitForSelector("#subscribed");
    // A later event of the same page: had a form event been queued, it would have gone first.
    await page.evaluate(() => (window as unknown as { pista: (...a: unknown[]) => void }).pista("track", "after_empty_subscribe"));
    await my.event((e) => e.k === "track");
    expect(my.events().map(({ event }) => event.k)).not.toContain("form");
  });

  it("records a container marked data-pista-form, named by the mark, on its button of type button", async () => {
    await page.goto(`${my.base}/app/quote`);
    await page.fill("input[name=work_email]", "barbara@liskov.example");
    await page.fill("input[name=seats]", "40");
    await page.selectOption("select[name=budget]", "$10k-$50k");
    await page.fill("textarea[name=message]", "Lead scoring for 40 sellers");
    await page.click("#back");
    await page.click("#quote-submit");
    await page.waitForSelector("#quoted");
    const { event } = await my.event((e: WireEvent) => e.k === "form");
    expect(event.n).toBe("quote-request");
    const [form] = formsIn(await storedEvents((events) => formsIn(events).length > 0));
    expect(form!.traits).toEqual({ email: "barbara@liskov.example", budget: "$10k-$50k", need: "Lead scoring for 40 sellers" });
    expect(my.events().filter(({ event }) => event.k === "form")).toHaveLength(1);
  });
});

describe("a page whose own history wrapper throws", () => {
  it("still has the new URL counted, and its error stays its own", async () => {
    await page.goto(`${my.base}/wrapped-history`);
    await my.event((e) => e.k === "pageview");
    await page.click("#go");
    await page.waitForFunction(() => document.title === "caught: router bug");
    const { event } = await my.event((e) => e.k === "pageview" && my.path(e.u) === "/step-2");
    expect(event.u).toBe(`${my.base}/step-2`);
  });
});
