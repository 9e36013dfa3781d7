// Settings · Site and install: the tag with its install status, the site's name, domains and options, its keys
// (a new key is shown once), and deleting the site.
import type { KeyKind } from "../../../../../schema/vocabulary";
import type { SiteStats } from "../../../../store/stats";
import { InstallStatus } from "../../components/install-status";
import { Layout } from "../../components/layout";
import { SettingsFrame } from "../../components/settings-page";
import { hrefOf } from "../../links";
import type { PageContext } from "../../page-context";

export function snippetTag(origin: string, site: string): string {
  return `<script defer src="${origin}/p.js" data-site="${site}"></script>`;
}

const KEY_WORDS: Record<KeyKind, [string, string]> = {
  write: ["Write key", "Server-side ingestion (Segment API, HTTP Basic user name). Not needed by the tag."],
  read: ["Read key", "Read-only API access and dashboard sign-in for this site only."],
  identity: ["Identity secret", "Your server signs identify calls with it (user_hash), so a signed-in visitor's devices can be linked."],
};

export interface SitePageProps {
  ctx: PageContext;
  origin: string;
  stats: SiteStats;
  development: boolean;
  /** a key just made, shown this once */
  newKeys?: Partial<Record<KeyKind, string>>;
  notice?: string;
  error?: string;
}

export function SiteSettingsPage(props: SitePageProps) {
  const { ctx, stats } = props;
  const admin = ctx.principal.admin;
  const action = (path: string) => hrefOf(`/dashboard/settings${path}`, { site: ctx.site.id });
  return (
    <SettingsFrame ctx={ctx} tab="site" title="Settings" notice={props.notice} error={props.error} refreshSeconds={stats.last_event_at === null && !props.newKeys ? 5 : undefined}>
      {props.newKeys && (
        <section class="card new-keys" aria-labelledby="newkeys-h">
          <h2 id="newkeys-h">Copy these now</h2>
          <p class="muted small">Keys are stored as hashes: this is the only time they are shown. Making a new one stops the old one at once.</p>
          {Object.entries(props.newKeys).map(([kind, value]) => (
            <div class="snippet">
              <label for={`key-${kind}`}>{KEY_WORDS[kind as KeyKind][0]}</label>
              <input id={`key-${kind}`} readonly value={value} data-key={kind} />
              <button type="button" class="secondary" data-copy={`key-${kind}`}>Copy</button>
            </div>
          ))}
        </section>
      )}
      <section class="card" aria-labelledby="install-h">
        <h2 id="install-h">Install</h2>
        <p class="muted small">{`Paste into every page of ${ctx.site.domains.join(", ")}, before </head>.`}</p>
        <div class="snippet">
          <label for="snippet" class="sr-only">Snippet tag</label>
          <input id="snippet" readonly value={snippetTag(props.origin, ctx.site.id)} />
          <button type="button" class="secondary" data-copy="snippet">Copy</button>
        </div>
        <InstallStatus ctx={ctx} stats={stats} development={props.development} />
      </section>
      <section class="card" aria-labelledby="site-h">
        <h2 id="site-h">Site</h2>
        <form method="post" action={action("/site")}>
          <fieldset disabled={!admin}>
            <label for="site-name">Name<input id="site-name" name="name" required maxlength={200} value={ctx.site.name} /></label>
            <label for="site-domains">
              Domains <span class="muted small">(one per line; a domain covers its subdomains)</span>
              <textarea id="site-domains" name="domains" rows={3} required>{ctx.site.domains.join("\n")}</textarea>
            </label>
            <label for="site-retention">
              Keep raw events for (days)
              <input id="site-retention" name="retention_days" type="number" min={1} max={3650} value={String(ctx.site.settings.retention_days)} />
            </label>
            <label class="check" for="site-opaque">
              <input id="site-opaque" name="allow_opaque_origins" type="checkbox" value="true" checked={ctx.site.settings.allow_opaque_origins} />
              Accept beacons without an origin (pages sent with Referrer-Policy: no-referrer, sandboxed iframes); their page URLs must be on the domains above.
            </label>
            <button type="submit">Save</button>
          </fieldset>
        </form>
      </section>
      <section class="card" aria-labelledby="keys-h">
        <h2 id="keys-h">Keys</h2>
        <p class="muted small">The tag needs none of these: it names the site. Keys are shown once, when made.</p>
        <dl class="keys">
          {(Object.keys(KEY_WORDS) as KeyKind[]).map((kind) => (
            <div>
              <dt>{KEY_WORDS[kind][0]}</dt>
              <dd>
                {KEY_WORDS[kind][1]}
                {admin && (
                  <form method="post" action={action("/keys")}>
                    <input type="hidden" name="key" value={kind} />
                    <button type="submit" class="secondary">{`Make a new ${KEY_WORDS[kind][0].toLowerCase()}`}</button>
                  </form>
                )}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      {admin && (
        <section class="card" aria-labelledby="danger-h">
          <h2 id="danger-h">Delete this site</h2>
          <p>Deletes the site and everything stored about it: profiles, events, attribution, webhooks and their logs. It cannot be undone.</p>
          <p><a class="button danger" href={hrefOf("/dashboard/settings/delete", { site: ctx.site.id })}>Delete…</a></p>
        </section>
      )}
    </SettingsFrame>
  );
}

export function DeleteSitePage(props: { ctx: PageContext }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="Delete a site" section="settings">
      <h1>{`Delete ${ctx.site.name}?`}</h1>
      <section class="card">
        <p>{`Everything stored for ${ctx.site.id} goes, for good: its profiles, events, attribution, webhooks and statistics.`}</p>
        <form method="post" action={hrefOf("/dashboard/settings/delete", { site: ctx.site.id })}>
          <label for="confirm">
            {`Type the site id, ${ctx.site.id}, to confirm`}
            <input id="confirm" name="confirm" required autocomplete="off" />
          </label>
          <p>
            <button type="submit" class="danger">Delete permanently</button>{" "}
            <a href={hrefOf("/dashboard/settings", { site: ctx.site.id })}>Cancel</a>
          </p>
        </form>
      </section>
    </Layout>
  );
}
