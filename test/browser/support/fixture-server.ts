// Fixture pages for the snippet's browser tests, on their own 127.0.0.1 origin, and a recording relay in front of
// the real collector: a third origin that serves p.js and passes /collect on, so the tests see every batch that
// reached the collector, with its answer, including beacons sent while a page unloads (which the browser's
// devtools protocol no longer reports). The pages' origin also passes /_p/* on to the collector, as a first-party
// Workers route does (example.com/_p/*), and records those batches too.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { WireBatch, WireEvent } from "../../../schema/wire";
import type { Assets } from "./apps";

/** One POST …/collect that reached the collector, with the collector's status and the path it was sent to. */
export interface Received {
  batch: WireBatch;
  body: string;
  status: number;
  contentType: string;
  path: string;
}

export interface Found {
  event: WireEvent;
  batch: WireBatch;
}

/** The pages and events of one test: page URLs below `base` are its own. */
export interface Scope {
  base: string;
  events(): Found[];
  /** resolves with the first event of this scope (already received or still to come) that matches */
  event(match: (e: WireEvent, b: WireBatch) => boolean, timeoutMs?: number): Promise<Found>;
  /** the path of a URL below `base`, "/spa#faq" say */
  path(url: string): string;
}

export interface FixtureServer {
  url: string;
  /** the relay's origin: pages load p.js from it, so it is also the snippet's collector */
  relayUrl: string;
  /** every batch the relay passed on, from any test */
  received: Received[];
  /** while down, every …/collect request is cut off before it reaches the collector (a network error for the page) */
  setCollectorDown(down: boolean): void;
  scope(): Scope;
  stop(): Promise<void>;
}

/** The early-call stub site owners paste before the tag (CONTRACT §2). */
const STUB = "window.pista=window.pista||function(){(pista.q=pista.q||[]).push(arguments)}";
const TALL = `<div style="height:3000px">Scroll me</div><p id="bottom">Bottom</p>`;

interface PageSpec {
  title: string;
  body: string;
  /** extra attributes on the script tag */
  attrs?: string;
  /** markup before the script tag */
  head?: string;
  /** how many times the tag is pasted */
  tags?: number;
  /** load p.js straight from the collector rather than through the relay */
  direct?: boolean;
  /** send to the relay through data-endpoint (with `direct`: script and collector on different origins) */
  endpoint?: boolean;
  /** the script's src when it is not the relay's /p.js: "/_p/p.js" for the first-party route */
  src?: string;
  /** no <title> in the head (a React app sets its own) */
  untitled?: boolean;
}

// Links and pushState URLs are relative, so every page stays below its test's scope.
const PAGES: Record<string, PageSpec> = {
  "": { title: "Home", body: `<h1>Home</h1><a id="next" href="next">Next</a>${TALL}` },
  next: { title: "Next", body: `<h1>Next page</h1><a id="home" href="./">Home</a>` },
  thanks: { title: "Thanks", body: `<h1>Thank you</h1>` },
  blank: { title: "No snippet", tags: 0, body: `<h1>A page without the snippet</h1>` },
  direct: { title: "Direct", direct: true, body: `<h1>Snippet loaded from the collector itself</h1>` },
  endpoint: { title: "Endpoint", direct: true, endpoint: true, body: `<h1>Script from the collector, batches to data-endpoint</h1>` },
  spa: {
    title: "SPA",
    body: `<h1>SPA</h1>
<button id="push" onclick="history.pushState({}, '', 'pricing')">Pricing</button>
<button id="replace" onclick="history.replaceState({}, '', 'compare')">Compare</button>
<button id="same" onclick="history.replaceState({ scroll: 1 }, '')">Same URL</button>
<a id="hash" href="#faq">FAQ</a>${TALL}`,
  },
  links: {
    title: "Links",
    body: `<h1>Links</h1>
<p><a id="outbound" href="https://partner.example/offer?ref=pista">Partner</a></p>
<p><a id="pdf" href="files/buyers-guide.pdf"><span id="pdf-label">Buyer's guide (PDF)</span></a></p>
<p><a id="xlsx" href="files/prices.XLSX">Prices</a></p>
<p><a id="export" href="export?format=raw" download>Export</a></p>
<p><a id="mail" href="mailto:sales@example.com?subject=Demo">Mail us</a></p>
<p><a id="call" href="tel:+14155550123">Call us</a></p>
<p><a id="ignored" href="https://partner.example/ignored" data-pista-ignore>Ignored partner</a></p>
<p data-pista-ignore><a id="ignored-inside" href="files/ignored.pdf">Ignored by its container</a></p>
<p><a id="internal" href="next">Internal</a></p>
<p><a id="js" href="javascript:void 0">Does nothing</a></p>`,
  },
  form: {
    title: "Request a demo",
    body: `<h1>Request a demo</h1>
<form id="demo-request" action="thanks" method="post">
<input name="email" type="email" autocomplete="email" value="ada@lovelace.example">
<input name="full_name" value="Ada Lovelace">
<input name="company" autocomplete="organization" value="Analytical Engines Ltd">
<input name="job_title" value="Head of Engineering">
<input name="phone" type="tel" value="+44 20 7946 0958">
<select name="budget"><option value="">Choose</option><option selected>$10k-$50k</option></select>
<label><input type="radio" name="timeline" value="This quarter" checked> This quarter</label>
<label><input type="radio" name="timeline" value="Just researching"> Just researching</label>
<textarea name="message">We need lead scoring for 40 sales reps.</textarea>
<input name="favourite_colour" data-pista-field="colour" value="teal">
<input name="country_of_birth" data-pista-ignore value="Ignored-Country-Value">
<input name="password" type="password" value="hunter2-secret-pw">
<input name="cardholder" autocomplete="cc-name" value="Ada Card-Holder">
<input name="cc-number" autocomplete="cc-number" value="4242 4242 4242 4242">
<input name="reference" value="4111-1111-1111-1111">
<input name="csrf" type="hidden" value="hidden-token-value-123">
<input name="one_time" autocomplete="one-time-code" value="otc-918273">
<input name="otp" value="otp-564738">
<input name="company_site" data-pista-honeypot value="" style="position:absolute;left:-9999px">
<button id="submit" type="submit">Send</button>
</form>`,
  },
  "ignored-form": {
    title: "Ignored form",
    body: `<form id="private" action="thanks" method="post" data-pista-ignore>
<input name="email" value="private@example.com"><button id="submit" type="submit">Send</button></form>`,
  },
  "ajax-form": {
    title: "Newsletter",
    body: `<form name="newsletter" onsubmit="event.preventDefault(); document.title = 'Subscribed'">
<input name="work_email" value="grace@hopper.example"><button id="submit" type="submit">Subscribe</button></form>`,
  },
  throws: {
    title: "Broken page",
    head: `<script>throw new Error("the page's own bug")</script>`,
    body: `<h1>A page with a bug</h1><script>window.notDefinedAnywhere()</script>`,
  },
  consent: { title: "Consent required", attrs: `data-consent="required"`, body: `<h1>Consent required</h1><a id="next" href="next">Next</a>` },
  cookieless: { title: "Cookieless", attrs: "data-cookieless", body: `<h1>Cookieless</h1>` },
  twice: { title: "Twice", tags: 2, body: `<h1>The tag pasted twice</h1>` },
  "get-form": {
    title: "Download the guide",
    body: `<form id="guide" action="thanks" method="get">
<input name="name" value="Ada Lovelace"><input name="email" type="email" value="ada@lovelace.example">
<input type="hidden" name="utm_source" value="guide-form">
<button id="submit" type="submit">Get the guide</button></form>`,
  },
  "wrapped-history": {
    title: "Wrapped history",
    // The page's router wraps pushState before p.js loads, and its wrapper throws after the URL has changed.
    head: `<script>const own = history.pushState; history.pushState = function () { own.apply(this, arguments); throw new Error("router bug"); };</script>`,
    body: `<h1>Wrapped history</h1><button id="go" onclick="try { history.pushState({}, '', 'step-2') } catch (e) { document.title = 'caught: ' + e.message }">Next step</button>`,
  },
  shoelace: {
    title: "Shoelace form",
    head: `<script src="/assets/components.js"></script>`,
    body: `<h1>Request a demo</h1>
<form id="sl-demo" action="thanks" method="post">
<sl-input name="email" type="email" label="Work e-mail" autocomplete="email"></sl-input>
<sl-input name="full_name" label="Name"></sl-input>
<sl-input name="organization" label="Company"></sl-input>
<sl-input name="password" type="password" label="Password"></sl-input>
<sl-textarea name="message" label="What do you need?"></sl-textarea>
<sl-checkbox name="newsletter" value="yes">Newsletter</sl-checkbox>
<sl-button type="submit" id="submit">Send</sl-button>
</form>`,
  },
  shadow: {
    title: "Shadow DOM",
    head: `<script src="/assets/components.js"></script>`,
    body: `<h1>Lead card</h1><lead-card></lead-card>`,
  },
  app: { title: "", untitled: true, head: `<script defer src="/assets/react-app.js"></script>`, body: `<div id="root"></div>` },
  "first-party": { title: "First-party", src: "/_p/p.js", body: `<h1>Served under /_p on the site's own origin</h1>` },
  early: {
    title: "Early calls",
    head: `<script>pista("track", "early_signup", { plan: "pro" }); pista("identify", "user-42", { email: "early@example.com" });</script>`,
    body: `<h1>Early calls</h1>`,
  },
};

function pageHtml(spec: PageSpec, origins: { collector: string; relay: string }): string {
  const attrs = [spec.attrs, spec.endpoint && `data-endpoint="${origins.relay}"`].filter(Boolean).join(" ");
  const src = spec.src ?? `${spec.direct ? origins.collector : origins.relay}/p.js`;
  const tag = `<script defer src="${src}" data-site="demo"${attrs ? " " + attrs : ""}></script>`;
  return `<!doctype html><html><head><meta charset="utf-8">${spec.untitled ? "" : `<title>${spec.title}</title>`}
<script>${STUB}</script>${spec.head ?? ""}${tag.repeat(spec.tags ?? 1)}
</head><body>${spec.body}</body></html>`;
}

async function bodyOf(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const listen = (server: http.Server) =>
  new Promise<string>((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));

/** Request headers the collector looks at (origin check, bot check, ETag, Global Privacy Control); the rest is hop-by-hop or irrelevant. */
const PASSED = ["origin", "referer", "user-agent", "content-type", "if-none-match", "sec-ch-ua", "sec-ch-ua-mobile", "sec-ch-ua-platform", "sec-gpc"];

/** The page for a path below a scope: an exact name, or the React app for anything below app/ (its routes). */
function specOf(name: string): PageSpec | undefined {
  return PAGES[name] ?? (name.startsWith("app/") ? PAGES.app : undefined);
}

export async function startFixtureServer(collectorUrl: string, options: { assets?: Assets } = {}): Promise<FixtureServer> {
  const received: Received[] = [];
  const waiters = new Set<() => void>();
  let scopes = 0;
  let down = false;

  /** Passes a request on to the collector, path unchanged, recording the batches it accepts or refuses. */
  async function relayed(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const isBatch = req.method === "POST" && /\/collect$/.test(req.url ?? "");
    if (isBatch && down) return void req.socket.destroy();
    const body = await bodyOf(req);
    const headers = Object.fromEntries(PASSED.flatMap((h) => (req.headers[h] ? [[h, String(req.headers[h])]] : [])));
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const upstream = await fetch(collectorUrl + req.url, { method: req.method, headers, body: hasBody ? new Uint8Array(body) : undefined });
    const answer = Buffer.from(await upstream.arrayBuffer());
    if (isBatch) {
      const text = body.toString("utf8");
      received.push({ batch: JSON.parse(text) as WireBatch, body: text, status: upstream.status, contentType: headers["content-type"] ?? "", path: req.url! });
      for (const wake of [...waiters]) wake();
    }
    const out = [...upstream.headers].filter(([k]) => !["content-encoding", "content-length", "transfer-encoding", "connection"].includes(k));
    res.writeHead(upstream.status, Object.fromEntries(out)).end(answer);
  }

  const relay = http.createServer((req, res) => void relayed(req, res).catch(() => res.destroy()));

  const pages = http.createServer((req, res) => {
    // The first-party route: the site's own origin passes /_p/* on to the collector.
    if (req.url?.startsWith("/_p/")) return void relayed(req, res).catch(() => res.destroy());
    const asset = /^\/assets\/([\w-]+\.js)$/.exec(req.url ?? "")?.[1];
    if (asset && options.assets?.[asset]) return void res.writeHead(200, { "content-type": "text/javascript; charset=utf-8" }).end(options.assets[asset]);
    const [, scope, name = ""] = /^\/(s\d+)\/([^?#]*)/.exec(req.url ?? "") ?? [];
    const spec = scope === undefined ? undefined : specOf(name);
    // What the React app posts with fetch is answered, and goes nowhere.
    if (req.method === "POST" && /(^|\/)api\//.test(name)) return void req.resume().on("end", () => res.writeHead(204).end());
    if (spec) res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(pageHtml(spec, { collector: collectorUrl, relay: relayUrl }));
    else if (/^(files\/|export$)/.test(name)) res.writeHead(200, { "content-type": "application/octet-stream" }).end("file");
    else res.writeHead(404).end("not found");
  });

  const [url, relayUrl] = await Promise.all([listen(pages), listen(relay)]);

  function scope(): Scope {
    const base = `${url}/s${++scopes}`;
    const mine = (e: WireEvent) => e.u === base || e.u.startsWith(base + "/");
    const events = () => received.flatMap((r) => r.batch.e.filter(mine).map((event) => ({ event, batch: r.batch })));
    return {
      base,
      events,
      path: (u) => u.slice(base.length),
      event(match, timeoutMs = 10_000) {
        return new Promise((resolve, reject) => {
          const check = () => {
            const found = events().find(({ event, batch }) => match(event, batch));
            if (found) waiters.delete(check), clearTimeout(timer), resolve(found);
          };
          const timer = setTimeout(() => {
            waiters.delete(check);
            reject(new Error(`no matching event below ${base}; received:\n${events().map((f) => JSON.stringify(f.event)).join("\n")}`));
          }, timeoutMs);
          waiters.add(check);
          check();
        });
      },
    };
  }

  return {
    url,
    relayUrl,
    received,
    setCollectorDown: (value) => void (down = value),
    scope,
    stop: async () => {
      await Promise.all([pages, relay].map((s) => new Promise((resolve) => (s.closeAllConnections(), s.close(resolve)))));
    },
  };
}
