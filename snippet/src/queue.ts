// Batches events and sends them: sendBeacon with a text/plain body (no CORS preflight), else fetch with keepalive.
// Failed fetches are kept (at most 20 events) and resent with the next flush.
import type { WireBatch, WireEvent } from "../../schema/wire";
import { cookieless, held } from "./consent";
import { anonymousId } from "./ids";
import { safe } from "./safe";
import { scriptTag } from "./script-tag";

let site: string | undefined;
let endpoint: URL;
let events: WireEvent[] = [];
let timer: ReturnType<typeof setTimeout> | 0;

export const initQueue = (): void => {
  site = scriptTag.dataset.site;
  // The collector is the script's own origin unless data-endpoint names another one.
  endpoint = new URL("/collect", scriptTag.dataset.endpoint || scriptTag.src);
};

export const enqueue = (e: WireEvent): void => {
  events.push(e);
  // A short timer, so a burst of events (a page view and a click) shares one request.
  timer = timer || setTimeout(safe(flush), 1000);
};

/** Sends everything queued. A pending timer is left to fire: it then finds nothing to send, which costs nothing. */
export const flush = (): void => {
  timer = 0;
  if (held()) return;
  while (events.length) send(events.splice(0, 50)); // LIMITS.eventsPerBatch
};

const send = (batch: WireEvent[]): void => {
  const c = cookieless();
  // Traits are dropped at send time, so a refusal given after a form was filled still holds.
  const body = JSON.stringify({ s: site!, a: anonymousId(), c: +c as 0 | 1, st: Date.now(), e: c ? batch.map(({ tr, ...e }) => e) : batch } satisfies WireBatch);
  // A string body goes out as text/plain;charset=UTF-8: a "simple" request, so no CORS preflight.
  if (!(navigator.sendBeacon && navigator.sendBeacon(endpoint, body)))
    // Only a request that never reached the collector is resent (the last 20 events, with the next flush): one that got
    // an answer was seen, and the beacon path cannot read statuses either. A page that is gone takes them with it.
    fetch(endpoint, { method: "POST", body, keepalive: true, credentials: "omit" }).catch(() => events.push(...batch.slice(-20)));
};
