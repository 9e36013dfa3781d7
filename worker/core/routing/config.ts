// A routing configuration as it may be saved: the shape (schema/routing.ts), then every alert URL through the same SSRF
// rules as webhooks — https and public hosts only, except loopback http in local development.
import { parseRoutingShape, type RoutingConfig } from "../../../schema/routing";
import type { ConfigIssue } from "../../../schema/scoring";
import { ALERT_KINDS } from "../../../schema/vocabulary";
import { checkedWebhookUrl, type UrlPolicy } from "../net/ssrf";

/** The owner's alert URL field of each alert kind. */
export const ALERT_URL_FIELD = { slack: "slack_url", teams: "teams_url" } as const;

export function parseRouting(input: unknown, policy: UrlPolicy): { ok: true; config: RoutingConfig } | { ok: false; issues: ConfigIssue[] } {
  const parsed = parseRoutingShape(input);
  if (!parsed.ok) return parsed;
  const issues: ConfigIssue[] = [];
  const owners = parsed.config.owners.map((owner, i) => {
    const checkedOwner = { ...owner };
    for (const kind of ALERT_KINDS) {
      const field = ALERT_URL_FIELD[kind];
      const raw = owner[field];
      if (raw === undefined) continue;
      const checked = checkedWebhookUrl(raw, policy);
      if (checked.ok) checkedOwner[field] = checked.url;
      else issues.push({ path: `owners.${i}.${field}`, message: checked.reason });
    }
    return checkedOwner;
  });
  return issues.length ? { ok: false, issues } : { ok: true, config: { ...parsed.config, owners } };
}

/** An empty routing: no owners, so nothing is assigned (what GET shows before a PUT). */
export const EMPTY_ROUTING: RoutingConfig = { owners: [], rules: [], assign_at: "mql" };
