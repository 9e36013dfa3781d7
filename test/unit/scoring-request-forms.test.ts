// A demo, quote, trial, call or contact request is known from the form itself — its page, id or name, and submit
// button — wherever it is placed, and a form that asks for none of these is not taken for one.
import { describe, expect, it } from "vitest";
import { DEFAULT_SCORING, applyEvent, EMPTY_SCORE_STATE } from "../../worker/core/scoring";
import { formText } from "../../worker/core/scoring/match";

const form = (path: string, name: string | null, button?: string) => ({
  type: "form", name, url: null, path, props: button ? { form_button: button } : {}, at: Date.UTC(2026, 10, 2),
});
const requested = (e: ReturnType<typeof form>) => (applyEvent(EMPTY_SCORE_STATE, e, DEFAULT_SCORING).rules.requested_demo?.hits ?? 0) > 0;

describe("the default requested_demo rule", () => {
  it.each<[string, ReturnType<typeof form>, boolean]>([
    ["a form on /demo", form("/demo", null), true],
    ["a contact form on /contact-us", form("/contact-us", "contact"), true],
    ["a landing page form with a Request a demo button", form("/lp/spring-webinar", "hs-form-4711", "Request a demo"), true],
    ["a landing page form named demo-request", form("/lp/q4-offer", "demo-request", "Send"), true],
    ["a Get started button", form("/pricing", null, "Get started"), true],
    ["a quote request", form("/industrial-pumps", "rfq", "Get a quote"), true],
    ["a free trial", form("/", "signup", "Start free trial"), true],
    ["a call-back form", form("/services", null, "Call me back"), true],
    ["a Book a meeting button", form("/", null, "Book a meeting"), true],
    ["a Talk to sales button", form("/enterprise", null, "Talk to sales"), true],
    ["a newsletter sign-up", form("/blog/lead-scoring", "newsletter", "Subscribe"), false],
    ["a job application", form("/careers/engineer", "apply", "Send application"), false],
    ["a search box", form("/docs", "search", "Search"), false],
    ["words that merely contain a keyword", form("/recontacting", "demographics", "Democratise"), false],
  ])("%s → %s", (_name, e, expected) => {
    expect(requested(e)).toBe(expected);
  });

  it("reads the page path, the form's name and its button as one line", () => {
    expect(formText(form("/lp/spring-webinar", "hs-form-4711", "Request a demo"))).toBe("lp spring-webinar hs-form-4711 request a demo");
  });
});
