// Settings · Scoring: the site's scoring configuration, validated on save (problems listed by path).
import { Layout } from "../../components/layout";
import { ScoringEditor, type ScoringEditorState } from "../../components/scoring-editor";
import { SettingsTabs } from "../../components/settings-tabs";
import type { PageContext } from "../../page-context";

export function ScoringSettingsPage(props: { ctx: PageContext; scoring: ScoringEditorState; notice?: string }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="Scoring" section="settings">
      <h1>{`Settings · ${ctx.site.name}`}</h1>
      <SettingsTabs ctx={ctx} current="scoring" />
      {props.notice && <p class="notice" role="status">{props.notice}</p>}
      <section class="card" aria-labelledby="scoring-h">
        <h2 id="scoring-h">Scoring</h2>
        <ScoringEditor ctx={ctx} state={props.scoring} />
      </section>
    </Layout>
  );
}
