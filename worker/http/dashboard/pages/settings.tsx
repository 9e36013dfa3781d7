// Settings: the snippet to paste, the scoring configuration editor, and the webhook endpoints with their deliveries.
import { FilterBar } from "../components/filter-bar";
import { Layout } from "../components/layout";
import { ScoringEditor, type ScoringEditorState } from "../components/scoring-editor";
import { WebhooksPanel, type WebhookWithLog } from "../components/webhooks-panel";
import type { PageContext } from "../page-context";

export function snippetTag(origin: string, site: string): string {
  return `<script defer src="${origin}/p.js" data-site="${site}"></script>`;
}

export function SettingsPage(props: { ctx: PageContext; origin: string; scoring: ScoringEditorState; webhooks: WebhookWithLog[]; notice?: string }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="Settings" section="settings">
      <h1>{`Settings · ${ctx.site.name}`}</h1>
      <FilterBar ctx={ctx} range={false} />
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      <section class="card" aria-labelledby="snippet-h">
        <h2 id="snippet-h">Tracking snippet</h2>
        <p class="muted small">{`Paste into every page of ${ctx.site.domains.join(", ")}, before </head>.`}</p>
        <div class="snippet">
          <label for="snippet" class="sr-only">Snippet tag</label>
          <input id="snippet" readonly value={snippetTag(props.origin, ctx.site.id)} />
          <button type="button" class="secondary" data-copy="snippet">
            Copy
          </button>
        </div>
      </section>
      <section class="card" aria-labelledby="scoring-h">
        <h2 id="scoring-h">Scoring</h2>
        <ScoringEditor ctx={ctx} state={props.scoring} />
      </section>
      <section class="card" aria-labelledby="webhooks-h">
        <h2 id="webhooks-h">Webhooks</h2>
        <WebhooksPanel webhooks={props.webhooks} site={ctx.site.id} canReplay={ctx.principal.admin} />
      </section>
    </Layout>
  );
}
