// GET /: a page for a person who opens the collector in a browser: what is running and where to go next.
import { Hono } from "hono";
import { isDevelopment } from "../env";
import type { AppEnv } from "./context";
import { Head } from "./dashboard/components/layout";
import { cspOf, newNonce } from "./dashboard/csp";

export const home = new Hono<AppEnv>();

home.get("/", (c) => {
  const nonce = newNonce();
  const origin = new URL(c.req.url).origin;
  const dev = isDevelopment(c.env);
  const tag = `<script defer src="${origin}/p.js" data-site="SITE_ID"></script>`;
  const page = (
    <html lang="en">
      <Head title="Collector" nonce={nonce} />
      <body>
        <main id="main" class="home">
          <h1>Pista is running</h1>
          <p class="muted">
            {`First-party lead tracking with scoring at the edge. This is the collector${dev ? ", in local development" : ""}: it serves the tag, receives events, scores profiles and sends qualified leads to CRMs.`}
          </p>
          <ul class="links">
            <li><a href="/dashboard">Dashboard</a> — leads, attribution, your sites and their install status{dev ? " (sign in with dev-admin-token)" : ""}</li>
            <li><a href="/demo">Demo site</a> — a small B2B site that embeds the tag; browse it, fill the demo form, then look at the dashboard</li>
            <li><a href="/healthz">Health</a> — <code>{'{"ok":true}'}</code> once storage answers</li>
            <li><a href="/docs">Documentation</a> — the API, webhooks, scoring, attribution and deploying to Cloudflare</li>
          </ul>
          <h2>Add the tag to a page</h2>
          <pre><code>{tag}</code></pre>
          <p class="muted">Create a site in the dashboard's settings (or with <code>POST /api/v1/sites</code>) to get its id.{dev ? " In local development every site accepts pages on localhost and 127.0.0.1, on any port." : ""}</p>
        </main>
      </body>
    </html>
  );
  c.header("Content-Security-Policy", cspOf(nonce));
  return c.html(`<!doctype html>${String(page)}`);
});
