// Helpers for the routing tests: a site's routing through the API, events that qualify a visitor, and receivers shaped
// like Slack's and Teams' incoming webhooks (on 127.0.0.1 URLs, reached through the stubbed global fetch).
import type { CollectedEvent } from "../../schema/event";
import { api, collectedEvent, dbOf, uid } from "./support";

export const RECEIVER = "http://127.0.0.1:9";

/** Owners whose Slack and Teams URLs point at the receivers below, one path each. */
export function owner(id: string, o: { slack?: boolean; teams?: boolean } = { slack: true }) {
  return {
    id,
    name: id.charAt(0).toUpperCase() + id.slice(1),
    email: `${id}@acme.example`,
    ...(o.slack ? { slack_url: `${RECEIVER}/slack/${id}` } : {}),
    ...(o.teams ? { teams_url: `${RECEIVER}/teams/${id}` } : {}),
  };
}

export async function putRouting(site: string, body: unknown) {
  const res = await api(`/api/v1/sites/${site}/routing`, { method: "PUT", body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`routing not saved: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A pricing page, then a contact form from a VP who buys this quarter: the default scoring makes this an mql. */
export function qualifyingEvents(site: string, o: { anonymous_id?: string; country?: string; email?: string; at?: number } = {}): CollectedEvent[] {
  const anonymous_id = o.anonymous_id ?? uid("anon");
  const at = o.at ?? Date.now() - 5000;
  const geo = { country: o.country ?? "PT", region: null, city: null };
  return [
    collectedEvent({ site, anonymous_id, at, url: "https://example.com/pricing", geo }),
    collectedEvent({
      site, anonymous_id, at: at + 1000, url: "https://example.com/contact", type: "form", geo, props: { form_ms: 20_000 },
      traits: { email: o.email ?? `${uid("vp")}@enterprise-test.com`, name: "Ana López", company: "Northwind", job_title: "VP Sales", timeline: "this quarter" },
    }),
  ];
}

export interface Received {
  kind: "slack" | "teams" | "other";
  owner: string;
  body: any;
  status: number;
}

/**
 * Slack answers 200 "ok" to a message with `text` and `blocks`, else 400 invalid_payload; Teams answers "1" to a
 * MessageCard, else 400. `fail(call, n)` makes the n-th request to a path fail with 500 first.
 */
export function alertReceivers(fail: (path: string, n: number) => boolean = () => false) {
  const received: Received[] = [];
  const counts = new Map<string, number>();
  const fetch = async (url: string, init: RequestInit) => {
    const path = new URL(url).pathname;
    const n = (counts.get(path) ?? 0) + 1;
    counts.set(path, n);
    const [, kind = "other", ownerId = ""] = path.split("/");
    const body = JSON.parse(String(init.body));
    const valid = kind === "slack" ? typeof body.text === "string" && Array.isArray(body.blocks) && body.blocks.every((b: any) => typeof b.type === "string")
      : kind === "teams" ? body["@type"] === "MessageCard" && typeof body.summary === "string" : true;
    const status = fail(path, n) ? 500 : valid ? 200 : 400;
    received.push({ kind: kind === "slack" || kind === "teams" ? kind : "other", owner: ownerId, body, status });
    const text = status === 500 ? "rollup_error" : !valid ? "invalid_payload" : kind === "teams" ? "1" : "ok";
    return new Response(text, { status, headers: { "content-type": "text/plain" } });
  };
  return { received, fetch, to: (kind: string, ownerId: string) => received.filter((r) => r.kind === kind && r.owner === ownerId) };
}

export async function outboxOf(site: string, type: string): Promise<Record<string, any>[]> {
  const { results } = await (await dbOf(site)).prepare("SELECT * FROM webhook_outbox WHERE site = ?1 AND type = ?2 ORDER BY at").bind(site, type).all<Record<string, any>>();
  return results.map((r) => ({ ...r, data: JSON.parse(r.data) }));
}

export async function followUpRow(site: string, profileId: string) {
  return (await dbOf(site)).prepare("SELECT * FROM follow_ups WHERE profile_id = ?1").bind(profileId).first<Record<string, any>>();
}
