// The test event's body: a sample lead made by the real pipeline (planBatch over a short made-up visit under the site's
// own scoring), so a CRM sees exactly the Profile shape a real event carries, and `data` that says it is a test.
import type { CollectedEvent } from "../../../schema/event";
import type { ScoringConfig } from "../../../schema/scoring";
import { planBatch } from "../profiles/plan";
import type { ProfileRecord } from "../profiles/profile";

export const TEST_EVENT_DATA = {
  test: true,
  message: "A test event sent on request from Pista (dashboard or POST /api/v1/webhooks/{id}/test). The profile is a sample, not a person; it exists nowhere else.",
} as const;

const MINUTE = 60_000;

function visit(site: string, anonymous: string, now: number): CollectedEvent[] {
  const base = {
    site, name: null, anonymous_id: anonymous, user_id: null, previous_id: null, title: null, props: {}, traits: {},
    device: { browser: "Chrome", os: "Mac OS", type: "desktop" }, geo: { country: "PT", region: "Lisbon", city: "Lisbon" },
    cookieless: false, origin: "snippet" as const, touch: null,
  };
  const page = (n: number, path: string, extra: Partial<CollectedEvent> = {}): CollectedEvent => ({
    ...base, id: `sample-${n}`, type: "pageview", at: now - (10 - n) * MINUTE, received_at: now - (10 - n) * MINUTE,
    url: `https://example.com${path}`, path, ...extra,
  });
  const landing = {
    channel: "Paid Search", source: "google", medium: "cpc", campaign: "brand", term: null, content: null,
    referrer: "https://www.google.com/", landing_page: "https://example.com/?utm_source=google&utm_medium=cpc&utm_campaign=brand", click_id: "gclid",
  };
  return [
    page(1, "/", { touch: landing, url: landing.landing_page }),
    page(2, "/pricing"),
    page(3, "/demo", {
      type: "form", props: { form_id: "demo-request" },
      traits: { email: "ana.lopez@example.com", name: "Ana López", company: "Northwind Traders", job_title: "Head of Marketing" },
    }),
  ];
}

/** A lead as the site's scoring would make it from a short visit ending in a demo request; `id` names it. */
export function sampleProfile(input: { site: string; id: string; config: ScoringConfig; now: number }): ProfileRecord {
  const plan = planBatch(
    visit(input.site, `${input.id}-device`, input.now),
    { identities: new Map(), profiles: new Map(), scoring: () => input.config },
    { now: input.now, newId: () => input.id },
  );
  return plan.profiles[0]!;
}
