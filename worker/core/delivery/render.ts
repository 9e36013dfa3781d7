// A delivery's HTTP request, rendered by its endpoint's kind from the outbox row: a Standard-Webhooks-signed JSON body
// for a webhook, a Block Kit message for Slack, a message card for Teams. The same row renders the same body on every
// retry and replay (only a webhook's signature timestamp moves). Another destination adds a renderer here.
import type { ScoringConfig } from "../../../schema/scoring";
import type { EndpointKind } from "../../../schema/vocabulary";
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
}

export interface RenderedRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
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
};

export function renderRequest(input: RenderInput): Promise<RenderedRequest> {
  return RENDERERS[input.endpoint.kind](input);
}
