// Alerts to people: what an assignment, an overdue follow-up and a test say, as a Slack Block Kit message and a Teams
// message card; who receives each; and that typed text can neither ping a channel nor forge a link.
import { describe, expect, it } from "vitest";
import { TEST_EVENT_TYPE } from "../../schema/vocabulary";
import { alertOf, sourceText, topReasons, type AlertInput } from "../../worker/core/alerts/alert";
import { slackEscape, slackMessage } from "../../worker/core/alerts/slack";
import { teamsCard } from "../../worker/core/alerts/teams";
import { renderRequest } from "../../worker/core/delivery/render";
import { alertRecipient, targetsOf, type Endpoint } from "../../worker/core/delivery/targets";
import { newProfile, type ProfileRecord } from "../../worker/core/profiles/profile";
import { applyEvent, DEFAULT_SCORING, EMPTY_SCORE_STATE } from "../../worker/core/scoring";

const NOW = Date.parse("2026-03-20T09:00:00Z");
const URL_BASE = "https://pista.acme.example";

function hotLead(traits: Record<string, unknown> = {}): ProfileRecord {
  const events = [
    { type: "pageview", path: "/pricing" },
    { type: "pageview", path: "/compare/us-vs-them" },
    { type: "form", path: "/demo", name: null },
  ].map((e, i) => ({ name: null, url: `https://acme.example${e.path}`, props: {}, at: NOW - (10 - i) * 60_000, ...e }));
  const score_state = events.reduce((s, e) => applyEvent(s, e, DEFAULT_SCORING), EMPTY_SCORE_STATE);
  return {
    ...newProfile({ id: "p_ana", site: "acme", at: NOW - 3_600_000 }),
    email: "ana@northwind.example",
    traits: { name: "Ana López", company: "Northwind", job_title: "VP Sales", budget: "$50k–$100k", timeline: "This quarter", ...traits },
    score_state, grade: "A", label: "ready_to_buy", stage: "mql",
    first_touch: { channel: "Paid Search", source: "google", medium: "cpc", campaign: "brand", term: null, content: null, referrer: null, landing_page: "https://acme.example/", click_id: "gclid", at: new Date(NOW - 3_600_000).toISOString() },
    owner: { id: "ben", name: "Ben" }, assigned_at: NOW,
  };
}

const assigned = (record: ProfileRecord = hotLead()): AlertInput => ({
  type: "profile.assigned", at: NOW, snapshot: { record }, recipient: { id: "ben", name: "Ben" }, scoring: DEFAULT_SCORING, publicUrl: URL_BASE,
  data: { owner: { id: "ben", name: "Ben" }, previous_owner: null, by: "routing", rule: 0, follow_up_due_at: new Date(NOW + 30 * 60_000).toISOString() },
});
const overdue = (recipient: { id: string; name: string }): AlertInput => ({
  ...assigned(), type: "profile.follow_up_overdue", at: NOW + 30 * 60_000, recipient,
  data: { owner: { id: "ben", name: "Ben" }, assigned_at: new Date(NOW).toISOString(), due_at: new Date(NOW + 30 * 60_000).toISOString(), within_minutes: 30, escalate_to: "eve" },
});

describe("what an assignment alert says", () => {
  const alert = alertOf(assigned());

  it("names the person, their role, grade, label, score, first source and owner, with a link to the profile", () => {
    expect(alert.person).toEqual({ name: "Ana López", email: "ana@northwind.example", company: "Northwind", job_title: "VP Sales" });
    expect(Object.fromEntries(alert.facts)).toMatchObject({ Grade: "A", Label: "ready to buy", Stage: "mql", "First source": "google / cpc · Paid Search · campaign brand", Owner: "Ben" });
    expect(alert.link).toEqual({ url: `${URL_BASE}/dashboard/profiles/p_ana?site=acme`, text: "Open the lead in Pista" });
    expect(alert.title).toBe("New lead for Ben: Ana López");
    expect(alert.note).toBe("Please make contact by 09:30 UTC.");
  });

  it("gives the top three score reasons in the breakdown's words, highest first", () => {
    expect(alert.reasons).toHaveLength(3);
    expect(alert.reasons[0]).toMatch(/demo|form/i);
    expect(topReasons([{ points: 5, description: "five" }, { points: -30, description: "minus" }, { points: 30, description: "thirty" }, { points: 10, description: "ten" }, { points: 1, description: "one" }]))
      .toEqual(["thirty", "ten", "five"]);
  });

  it("carries nothing the profile page does not show: no phone, no anonymous ids, no raw traits beyond name, company and title", () => {
    const record = { ...hotLead({ budget: "secret budget", notes: "private note" }), phone: "+351 912 345 678", anonymous_ids: ["anon-xyz"] };
    const text = JSON.stringify([slackMessage(alertOf(assigned(record))), teamsCard(alertOf(assigned(record)))]);
    for (const hidden of ["+351", "anon-xyz", "secret budget", "private note"]) expect(text).not.toContain(hidden);
  });

  it("says only that the lead was erased once the snapshot is a stub", () => {
    const erased = alertOf({ ...assigned(), snapshot: { stub: { id: "p_ana", site: "acme", email: "ana@northwind.example", user_id: null } } });
    expect(erased).toMatchObject({ person: null, facts: [], reasons: [], link: null });
    expect(JSON.stringify(slackMessage(erased))).not.toContain("ana@");
  });

  it("words the first source when parts are missing", () => {
    expect(sourceText(null)).toBe("unknown");
    expect(sourceText({ ...hotLead().first_touch!, source: "(direct)", medium: "(none)", channel: "Direct", campaign: null })).toBe("(direct) / (none) · Direct");
  });
});

describe("an overdue follow-up", () => {
  it("tells the escalation owner whose lead waits, and asks the owner themself when nobody else is named", () => {
    expect(alertOf(overdue({ id: "eve", name: "Eve" }))).toMatchObject({ kind: "overdue", title: "Follow-up overdue: Ana López", note: expect.stringMatching(/Assigned to Ben at 09:00 UTC with 30 minutes.*Escalated to Eve\.$/) });
    expect(alertOf(overdue({ id: "ben", name: "Ben" })).note).toMatch(/Please follow up now\.$/);
  });
});

describe("a test alert", () => {
  it("is clearly marked and about a sample lead, never a real one", () => {
    const test = alertOf({ type: TEST_EVENT_TYPE, at: NOW, data: {}, snapshot: { stub: { id: "test", site: "acme", email: null, user_id: null } }, recipient: { id: "ben", name: "Ben" }, scoring: DEFAULT_SCORING, publicUrl: URL_BASE });
    expect(test.title).toBe("Test alert for Ben from Pista (no action needed)");
    expect(test.person!.name).toMatch(/sample lead/);
    expect(test.link!.url).toBe(`${URL_BASE}/dashboard/settings/routing?site=acme`);
  });
});

describe("as a Slack incoming-webhook message", () => {
  const message = slackMessage(alertOf(assigned()));

  it("has text for the notification and Block Kit blocks: header, person, fields, reasons, link", () => {
    expect(message.text).toBe("New lead for Ben: Ana López (VP Sales at Northwind) · grade A, ready to buy");
    expect(message.blocks.map((b) => b.type)).toEqual(["header", "section", "section", "section", "section"]);
    expect(message.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "New lead for Ben: Ana López", emoji: false } });
    expect(message.blocks[1]).toEqual({ type: "section", text: { type: "mrkdwn", text: "*Ana López* · VP Sales at Northwind\nana@northwind.example" } });
    expect((message.blocks[2] as { fields: unknown[] }).fields).toContainEqual({ type: "mrkdwn", text: "*Grade*\nA" });
    expect((message.blocks[3] as { text: { text: string } }).text.text).toMatch(/^\*Why\*\n• .+\n• .+\n• .+$/);
    expect((message.blocks[4] as { text: { text: string } }).text.text).toContain(`<${URL_BASE}/dashboard/profiles/p_ana?site=acme|Open the lead in Pista>`);
  });

  it("escapes what a lead typed, so a name cannot ping @channel or forge a link", () => {
    const text = JSON.stringify(slackMessage(alertOf(assigned(hotLead({ name: "<!channel> <https://evil.example|click> & co" })))));
    expect(text).not.toContain("<!channel>");
    expect(text).not.toContain("<https://evil.example");
    expect(text).toContain("&lt;!channel&gt; &lt;https://evil.example|click&gt; &amp; co");
    expect(slackEscape("a<b>&c")).toBe("a&lt;b&gt;&amp;c");
  });

  it("keeps Slack's limits: a 150-character header, at most 10 fields", () => {
    const long = slackMessage(alertOf(assigned(hotLead({ name: "N".repeat(400) }))));
    expect((long.blocks[0] as { text: { text: string } }).text.text.length).toBeLessThanOrEqual(150);
    for (const b of long.blocks) expect(((b as { fields?: unknown[] }).fields ?? []).length).toBeLessThanOrEqual(10);
  });
});

describe("as a Teams message card", () => {
  it("is a MessageCard with summary, colour, title, facts and an OpenUri action to the profile", () => {
    const card = teamsCard(alertOf(assigned()));
    expect(card).toMatchObject({
      "@type": "MessageCard",
      "@context": "http://schema.org/extensions",
      summary: "New lead for Ben: Ana López (VP Sales at Northwind) · grade A, ready to buy",
      themeColor: "1F6FEB",
      title: "New lead for Ben: Ana López",
      potentialAction: [{ "@type": "OpenUri", name: "Open the lead in Pista", targets: [{ os: "default", uri: `${URL_BASE}/dashboard/profiles/p_ana?site=acme` }] }],
    });
    expect(card.sections[0]).toMatchObject({ activityTitle: "Ana López", activitySubtitle: "VP Sales at Northwind · ana@northwind.example", facts: expect.arrayContaining([{ name: "Grade", value: "A" }]) });
    expect(card.sections[1]).toMatchObject({ title: "Why" });
  });

  it("escapes Markdown in what a lead typed", () => {
    const card = teamsCard(alertOf(assigned(hotLead({ name: "[click](https://evil.example) *now*" }))));
    expect(card.sections[0]!.activityTitle).toBe("\\[click\\](https://evil.example) \\*now\\*");
  });
});

describe("who receives what", () => {
  const endpoints: Endpoint[] = [
    { id: "crm", kind: "webhook", events: ["profile.assigned"], filters: {}, config: {} },
    { id: "crm-qualified", kind: "webhook", events: ["profile.qualified"], filters: {}, config: {} },
    { id: "ben-slack", kind: "slack", events: [], filters: {}, config: { owner_id: "ben" } },
    { id: "ben-teams", kind: "teams", events: [], filters: {}, config: { owner_id: "ben" } },
    { id: "eve-slack", kind: "slack", events: [], filters: {}, config: { owner_id: "eve" } },
  ];
  const facts = { score: 60, grade: "A", label: "ready_to_buy", stage: "mql" };

  it.each([
    ["an assignment to Ben", "profile.assigned", { owner: { id: "ben", name: "Ben" } }, facts, ["crm", "ben-slack", "ben-teams"]],
    ["an overdue lead escalated to Eve", "profile.follow_up_overdue", { owner: { id: "ben", name: "Ben" }, escalate_to: "eve" }, facts, ["eve-slack"]],
    ["an overdue lead with nobody to escalate to", "profile.follow_up_overdue", { owner: { id: "ben", name: "Ben" }, escalate_to: null }, facts, ["ben-slack", "ben-teams"]],
    ["a test event, which is written for one endpoint and never fans out", TEST_EVENT_TYPE, {}, null, []],
    ["a qualification", "profile.qualified", {}, facts, ["crm-qualified"]],
    ["an assignment of a person erased before the fan-out", "profile.assigned", { owner: { id: "ben", name: "Ben" } }, null, ["crm"]],
  ] as [string, string, Record<string, unknown>, typeof facts | null, string[]][])("%s", (_what, type, data, f, ids) => {
    expect(targetsOf({ type, data, facts: f }, endpoints)).toEqual(ids);
  });

  it("alerts nobody for transitions that are not alerts", () => {
    expect(alertRecipient("profile.identified", { owner: { id: "ben" } })).toBeNull();
  });
});

describe("rendering by kind", () => {
  const message = { type: "profile.assigned", at: NOW, data: assigned().data, snapshot: { record: hotLead() } };
  const base = { id: "msg_1", message, scoring: DEFAULT_SCORING, publicUrl: URL_BASE, now: NOW + 5000 };

  it("signs a webhook, and sends alerts unsigned as the receiver's JSON", async () => {
    const hook = await renderRequest({ ...base, endpoint: { kind: "webhook", url: "https://crm.example/hook", config: {}, secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"] } });
    expect(hook.headers["webhook-id"]).toBe("msg_1");
    expect(JSON.parse(hook.body)).toMatchObject({ type: "profile.assigned", data: { owner: { id: "ben" }, profile: { id: "p_ana" } } });
    const slack = await renderRequest({ ...base, endpoint: { kind: "slack", url: "https://hooks.slack.com/services/x", config: { owner_id: "ben", owner_name: "Ben" }, secrets: [] } });
    expect(slack).toEqual({ url: "https://hooks.slack.com/services/x", headers: {}, body: JSON.stringify(slackMessage(alertOf(assigned()))) });
    const teams = await renderRequest({ ...base, endpoint: { kind: "teams", url: "https://acme.webhook.office.com/x", config: { owner_id: "ben", owner_name: "Ben" }, secrets: [] } });
    expect(JSON.parse(teams.body)["@type"]).toBe("MessageCard");
  });
});
