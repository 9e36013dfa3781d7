// Settings · Scoring: the site's scoring configuration, validated on save (problems listed by path).
import { ScoringEditor, type ScoringEditorState } from "../../components/scoring-editor";
import { SettingsFrame } from "../../components/settings-page";
import type { PageContext } from "../../page-context";

export function ScoringSettingsPage(props: { ctx: PageContext; scoring: ScoringEditorState; notice?: string }) {
  return (
    <SettingsFrame ctx={props.ctx} tab="scoring" title="Scoring" notice={props.notice}>
      <section class="card" aria-labelledby="scoring-h">
        <h2 id="scoring-h">Scoring</h2>
        <ScoringEditor ctx={props.ctx} state={props.scoring} />
      </section>
    </SettingsFrame>
  );
}
