// An alert as a Slack incoming-webhook message: `text` (the notification, and what clients without blocks show) plus
// Block Kit `blocks` — a header, the person, the facts as fields, the reasons, and the link. Text people typed is
// escaped (&, <, >) so a lead named "<!channel>" cannot ping a channel or forge a link; Slack's length limits are kept.
import type { Alert } from "./alert";

/** Slack's own escaping for mrkdwn and text: only these three characters are control characters. */
export const slackEscape = (s: string) => s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
const mrkdwn = (text: string, max = 3000) => ({ type: "mrkdwn", text: clip(text, max) });

/** Block Kit limits: header text 150 characters, section text 3,000, a field 2,000, at most 10 fields. */
export function slackMessage(a: Alert) {
  const blocks: Record<string, unknown>[] = [{ type: "header", text: { type: "plain_text", text: clip(slackEscape(a.title), 150), emoji: false } }];
  if (a.person) {
    const role = [a.person.job_title, a.person.company].filter(Boolean).join(" at ");
    const lines = [`*${slackEscape(a.person.name)}*${role ? ` · ${slackEscape(role)}` : ""}`, a.person.email ? slackEscape(a.person.email) : ""];
    blocks.push({ type: "section", text: mrkdwn(lines.filter(Boolean).join("\n")) });
  }
  if (a.facts.length) blocks.push({ type: "section", fields: a.facts.slice(0, 10).map(([k, v]) => mrkdwn(`*${k}*\n${slackEscape(v)}`, 2000)) });
  if (a.reasons.length) blocks.push({ type: "section", text: mrkdwn(`*Why*\n${a.reasons.map((r) => `• ${slackEscape(r)}`).join("\n")}`) });
  // A link in text rather than a button: a button in an incoming-webhook message expects an app that handles clicks.
  const link = a.link ? `<${a.link.url}|${a.link.text}>` : "";
  blocks.push({ type: "section", text: mrkdwn([slackEscape(a.note), link].filter(Boolean).join("\n")) });
  return { text: clip(slackEscape(a.summary), 3000), blocks };
}
