// The scoring configuration as JSON in a textarea, with validation problems listed beside it by their path.
import type { ConfigIssue } from "../../../../schema/scoring";
import { hrefOf } from "../links";
import type { PageContext } from "../page-context";

export interface ScoringEditorState {
  text: string;
  version: number;
  isDefault: boolean;
  issues: ConfigIssue[];
}

export function ScoringEditor(props: { ctx: PageContext; state: ScoringEditorState }) {
  const { ctx, state } = props;
  const canEdit = ctx.principal.admin;
  const invalid = state.issues.length > 0;
  return (
    <form method="post" action={hrefOf("/dashboard/settings/scoring", { site: ctx.site.id })}>
      <div class="editor">
        <label for="scoring-json">
          {`Configuration (version ${state.version}${state.isDefault ? ", the built-in default" : ""})`}
          <textarea id="scoring-json" name="config" rows={28} spellcheck={false} readonly={!canEdit} aria-invalid={invalid ? "true" : undefined} aria-describedby={invalid ? "scoring-issues" : "scoring-help"}>
            {state.text}
          </textarea>
        </label>
        <aside>
          {invalid ? (
            <div class="error" role="alert" id="scoring-issues">
              <strong>{`Not saved: ${state.issues.length} problem${state.issues.length === 1 ? "" : "s"}`}</strong>
              <ul class="issues">
                {state.issues.map((i) => (
                  <li data-path={i.path}>
                    <code>{i.path || "(document)"}</code>: {i.message}
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p class="muted small" id="scoring-help">
              Behaviour rules add decaying points, fit rules set the grade, labels and stages follow. Saving checks
              every field, keeps the old version if anything is wrong, and rescores existing profiles.
            </p>
          )}
          {canEdit ? <button type="submit">Save and rescore</button> : <p class="muted small">A read key cannot change the configuration.</p>}
        </aside>
      </div>
    </form>
  );
}
