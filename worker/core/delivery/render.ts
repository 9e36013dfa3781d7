// A delivery's HTTP request, rendered by its endpoint's kind from the outbox row: a Standard-Webhooks-signed JSON body
// for a webhook, a Block Kit message for Slack, a message card for Teams, a Conversions API event for Meta. The same row
// renders the same body on every retry and replay (only a webhook's signature timestamp moves). Another destination
// adds a renderer here (and, if some rows must not be sent at attempt time, a hold).
import type { ScoringConfig } from "../../../schema/scoring";
import type { EndpointKind } from "../../../schema/vocabulary";
import { META_GRAPH_URL, metaBody, metaConfigOf, metaEvent, metaEventsUrl, metaHold, metaStageOf } from "../ads/meta";
import { alertOf } from "../alerts/alert";
import { slackMessage } from "../alerts/slack";
import { teamsCard } from "../alerts/teams";
import { webhookBody, type OutboxMessage } from "../webhooks/payload";
import { signedHeaders } from "../webhooks/signature";

export interface RenderInput {
  /** the outbox row's id: the webhook-id */
  id: string;
  message: OutboxMessage;
  endpoint: { kind: EndpointKind; url: string; config: Record<string, unknown>; /** signing secrets, newest first */ secrets: string[] };
  scoring: ScoringConfig;
  /** the dashboard's public origin, for links in alerts */
  publicUrl: string;
  /** epoch ms of this attempt */
  now: number;
  /** the Graph API's base URL (META_GRAPH_URL) for Meta endpoints */
  metaGraphUrl?: string;
}

export interface RenderedRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** how much of an error response the log and the kind's judge read (300 bytes unless said) */
  errorBytes?: number;
}

function alertBody(input: RenderInput) {
  const { config } = input.endpoint;
  const recipient = { id: String(config.owner_id ?? ""), name: String(config.owner_name ?? config.owner_id ?? "") };
  return alertOf({ ...input.message, recipient, scoring: input.scoring, publicUrl: input.publicUrl });
}

const RENDERERS: Record<EndpointKind, (input: RenderInput) => Promise<RenderedRequest>> = {
  async webhook(input) {
    const body = webhookBody(input.message, input.scoring);
    const headers = await signedHeaders(input.endpoint.secrets, { id: input.id, timestamp: Math.floor(input.now / 1000), body });
    return { url: input.endpoint.url, headers, body };
  },
  async slack(input) {
    return { url: input.endpoint.url, headers: {}, body: JSON.stringify(slackMessage(alertBody(input))) };
  },
  async teams(input) {
    return { url: input.endpoint.url, headers: {}, body: JSON.stringify(teamsCard(alertBody(input))) };
  },
  async meta(input) {
    const { message, endpoint } = input;
    const config = metaConfigOf(endpoint.config);
    const stage = metaStageOf(message.type, message.data);
    if (!stage || !("record" in message.snapshot)) throw new Error("not a Meta event: the hold should have stopped it");
    const event = await metaEvent({ record: message.snapshot.record, stage, eventName: config.stages[stage] ?? stage, at: message.at });
    // Meta's errors are JSON with their code and whether they are transient: the judge needs the whole object.
    return { url: metaEventsUrl(input.metaGraphUrl ?? META_GRAPH_URL, config, endpoint.secrets[0] ?? ""), headers: {}, body: metaBody([event], config), errorBytes: 2048 };
  },
};

export function renderRequest(input: RenderInput): Promise<RenderedRequest> {
  return RENDERERS[input.endpoint.kind](input);
}

/** Kinds whose rows can become unsendable after fan-out (Meta: an erased or refusing person, an event too old). */
const HOLDS: Partial<Record<EndpointKind, (input: Pick<RenderInput, "message" | "now">) => string | null>> = {
  meta: (input) => metaHold(input.message, input.now),
};

/** Why this attempt must not be made (the delivery is closed with the reason), or null. */
export function heldBack(kind: EndpointKind, input: Pick<RenderInput, "message" | "now">): string | null {
  return HOLDS[kind]?.(input) ?? null;
}
