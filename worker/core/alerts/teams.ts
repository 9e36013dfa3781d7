// An alert as a Microsoft Teams message card (the `MessageCard` format incoming webhooks accept): `summary`,
// `themeColor`, `title`, a section for the person with the facts, one for the reasons, and an OpenUri action to the
// dashboard. Sections use Markdown, so text people typed has Markdown's special characters escaped.
import type { Alert } from "./alert";

/** Backslash-escapes what Markdown (and Teams' HTML subset) would interpret inline: emphasis, code, links, tags. */
export const teamsEscape = (s: string) => s.replace(/[\\`*_[\]<>#~]/g, (c) => `\\${c}`);

export function teamsCard(a: Alert) {
  const sections: Record<string, unknown>[] = [];
  if (a.person) {
    const role = [a.person.job_title, a.person.company].filter(Boolean).join(" at ");
    sections.push({
      activityTitle: teamsEscape(a.person.name),
      activitySubtitle: teamsEscape([role, a.person.email].filter(Boolean).join(" · ")),
      facts: a.facts.map(([name, value]) => ({ name, value: teamsEscape(value) })),
      markdown: true,
    });
  }
  if (a.reasons.length) sections.push({ title: "Why", text: a.reasons.map((r) => `- ${teamsEscape(r)}`).join("\n"), markdown: true });
  sections.push({ text: teamsEscape(a.note), markdown: true });
  return {
    "@type": "MessageCard",
    "@context": "http://schema.org/extensions",
    summary: a.summary,
    themeColor: a.color,
    title: a.title,
    sections,
    ...(a.link ? { potentialAction: [{ "@type": "OpenUri", name: a.link.text, targets: [{ os: "default", uri: a.link.url }] }] } : {}),
  };
}
