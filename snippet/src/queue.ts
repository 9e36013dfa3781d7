// Events, batched and sent: fetch with keepalive while the page lives (so a failure is known), sendBeacon
// when it is hidden or left. Events whose send failed wait in memory and, when identifiers are allowed, in
// localStorage (the last 20, key pista_r), and go out again with the next flush, on this page or the next one.
import type { WireBatch, WireEvent, WireKind } from "../../schema/wire";
import { campaign } from "./campaign";
import { cookieless, held } from "./consent";
import { anonymousId, forgetVisitor, randomId } from "./ids";
import { safe } from "./safe";
import { scriptTag } from "./script-tag";
import { store } from "./storage";

let site: string | undefined;
let endpoint: URL;
let events: WireEvent[] = [];
let timer: ReturnType<typeof setTimeout> | 0;
/** The current page's view: its title is read when it is sent, so an SPA has had time to set it. */
let view: WireEvent | undefined;
/** Set once the events a failed send left in storage have been taken back. */
let restored: unknown;

export const initQueue = (): void => {
  site = scriptTag.dataset.site;
  // Relative to the script: /_p/p.js posts to /_p/collect (a first-party route); data-endpoint names another
  // collector ("https://collector.example" or a prefix ending with "/").
  endpoint = new URL("collect", scriptTag.dataset.endpoint || scriptTag.src);
};

/**
 * Queues one event of the current page: kind, random id, client time, URL and the session's campaign. `url` is
 * given when the event belongs to a page already left (an SPA's engage event).
 */
export const record = (k: WireKind, extra?: Partial<WireEvent>, url = location.href): void => {
  const e = { k, id: randomId(), t: Date.now(), u: url, q: campaign, ...extra };
  // A new view closes the previous one, whose title is final by now.
  if (k == "pageview") titled(), (view = e);
  events.push(e);
  // A short timer, so a burst of events (a page view and a click) shares one request.
  timer ||= setTimeout(safe(flush), 1000);
};

/**
 * A refusal (GPC, or consent denied) on a device that had an anonymous id: the id, the campaign and the stored
 * retries are erased, and one beacon names the former id with `c:1`, so that the collector records the refusal on
 * that person's profile (schema/wire.ts `a`). Its one event, an `engage` of this page without properties, is stored
 * cookieless like everything sent after it; nothing names the id again. Sent even while consent is required: it
 * carries nothing but the refusal. (The event is made by `record` and taken back out of the queue: fewer bytes.)
 */
export const refuse = (): void => {
  const a = forgetVisitor();
  a && navigator.sendBeacon?.(endpoint, JSON.stringify({ s: site!, a, c: 1, e: (record("engage"), events.splice(-1)) } satisfies WireBatch));
};

const titled = () => view && (view.ti = document.title);

/**
 * Sends everything queued, in batches of at most 50 (LIMITS.eventsPerBatch); `leaving` when the page is hidden or
 * left (sendBeacon survives the page). A pending timer is left to fire: it then finds nothing to send.
 */
export const flush = (leaving?: unknown): void => {
  timer = 0;
  if (held()) return;
  titled();
  // Storage is read on the first send, not at start-up. The events stay stored until a send is answered.
  restored ||= events.unshift(...JSON.parse(store("pista_r") || "[]"));
  while (events.length) {
    const batch = events.splice(0, 50);
    // Traits are dropped at send time, so a refusal given after a form was filled still holds. Without an anonymous
    // id (`a`), the collector treats the batch as cookieless.
    const body = JSON.stringify({ s: site!, a: anonymousId(), st: Date.now(), e: cookieless() ? batch.map(({ tr, ...e }) => e) : batch } satisfies WireBatch);
    // A string body goes out as text/plain;charset=UTF-8: a "simple" request, so no CORS preflight. A fetch that
    // got no answer (network down, or not our collector answering: no CORS header) is kept for the next flush, on
    // this page or the next one; one that was answered was seen (a 4xx would fail again). Stored only when
    // identifiers are allowed.
    if (!(leaving && navigator.sendBeacon?.(endpoint, body)))
      fetch(endpoint, { method: "POST", body, keepalive: true }).then(
        () => store("pista_r", ""),
        () => store("pista_r", JSON.stringify((events = [...batch, ...events].slice(-20)))),
      );
  }
};
