// The one page layout: head (CSP-nonced style and script), top bar with navigation and sign-out, main content.
import type { Child } from "hono/jsx";
import type { PageContext } from "../page-context";
import { hrefOf } from "../links";
import { COPY_SCRIPT } from "./copy-script";
import { STYLES } from "./styles";

export type Section = "overview" | "attribution" | "channels" | "leads" | "accounts" | "settings" | "profile";

const NAV: [Section, string, string][] = [
  ["overview", "Overview", "/dashboard"],
  ["attribution", "Attribution", "/dashboard/attribution"],
  ["channels", "Channels", "/dashboard/channels"],
  ["leads", "Leads", "/dashboard/leads"],
  ["accounts", "Accounts", "/dashboard/accounts"],
  ["settings", "Settings", "/dashboard/settings"],
];

export function Head(props: { title: string; nonce: string; refreshSeconds?: number }) {
  return (
    <head>
      <meta charset="utf-8" />
      {props.refreshSeconds && <meta http-equiv="refresh" content={String(props.refreshSeconds)} />}
      <meta name="viewport" content="width=device-width,initial-scale=1" />
      {/* The API's headers say no-referrer, which makes browsers send "Origin: null" with form POSTs; same-origin keeps it. */}
      <meta name="referrer" content="same-origin" />
      <title>{`${props.title} — Pista`}</title>
      <style nonce={props.nonce} dangerouslySetInnerHTML={{ __html: STYLES }} />
      <script nonce={props.nonce} dangerouslySetInnerHTML={{ __html: COPY_SCRIPT }} />
    </head>
  );
}

export function Layout(props: { ctx: PageContext; title: string; section: Section; refreshSeconds?: number; children?: Child }) {
  const { ctx } = props;
  return (
    <html lang="en">
      <Head title={props.title} nonce={ctx.nonce} refreshSeconds={props.refreshSeconds} />
      <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
          <div class="bar">
            <a class="brand" href={hrefOf("/dashboard", ctx.keep)}>
              Pista<span>.</span>
            </a>
            <nav class="main" aria-label="Dashboard sections">
              <ul>
                {NAV.map(([key, label, path]) => (
                  <li>
                    <a href={hrefOf(path, ctx.keep)} aria-current={key === props.section ? "page" : undefined}>
                      {label}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
            <div class="who">
              <span>{ctx.principal.admin ? "Admin" : `Read-only · ${ctx.site.id}`}</span>
              <form method="post" action="/dashboard/sign-out">
                <button type="submit">Sign out</button>
              </form>
            </div>
          </div>
        </header>
        <main id="main">{props.children}</main>
      </body>
    </html>
  );
}
