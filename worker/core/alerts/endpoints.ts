// The alert endpoints a routing implies: one per owner and alert kind with a URL, under an id derived from the site,
// the owner and the kind, so saving the routing again finds (and keeps the delivery log of) the same endpoint.
import { createHash } from "node:crypto";
import type { RoutingConfig } from "../../../schema/routing";
import { ALERT_KINDS, type AlertKind } from "../../../schema/vocabulary";
import { ALERT_URL_FIELD } from "../routing/config";

/** What an alert endpoint keeps in its `config`: whose alerts it carries. */
export interface AlertEndpointConfig {
  owner_id: string;
  owner_name: string;
}

export interface AlertEndpoint {
  id: string;
  kind: AlertKind;
  url: string;
  config: AlertEndpointConfig;
}

/** "al_" + 96 bits of SHA-256 over site, owner and kind. */
export function alertEndpointId(site: string, ownerId: string, kind: AlertKind): string {
  return `al_${createHash("sha256").update(JSON.stringify([site, ownerId, kind])).digest("hex").slice(0, 24)}`;
}

export function alertEndpointsOf(site: string, config: RoutingConfig): AlertEndpoint[] {
  return config.owners.flatMap((owner) =>
    ALERT_KINDS.flatMap((kind) => {
      const url = owner[ALERT_URL_FIELD[kind]];
      return url ? [{ id: alertEndpointId(site, owner.id, kind), kind, url, config: { owner_id: owner.id, owner_name: owner.name } }] : [];
    }),
  );
}
