// A configuration as JSON in a textarea, with validation problems listed beside it by their path; the scoring and
// routing settings both edit theirs with it.
import type { Child } from "hono/jsx";
import type { ConfigIssue } from "../../../../schema/scoring";
import { IssuesAlert } from "./issues";

export interface JsonEditorProps {
  /** where the form posts; its field is `config` */
  action: string;
  /** the ids' stem: the textarea is `{name}-json`, the problems `{name}-issues`, the help `{name}-help` */
  name: string;
  label: string;
  text: string;
  issues: ConfigIssue[];
  canEdit: boolean;
  rows?: number;
  /** shown beside the textarea while there is no problem */
  help: Child;
  submit: string;
}

export function JsonEditor(props: JsonEditorProps) {
  const invalid = props.issues.length > 0;
  return (
    <form method="post" action={props.action}>
      <div class="editor">
        <label for={`${props.name}-json`}>
          {props.label}
          <textarea id={`${props.name}-json`} name="config" rows={props.rows ?? 28} spellcheck={false} readonly={!props.canEdit} aria-invalid={invalid ? "true" : undefined} aria-describedby={`${props.name}-${invalid ? "issues" : "help"}`}>
            {props.text}
          </textarea>
        </label>
        <aside>
          {invalid ? (
            <IssuesAlert id={`${props.name}-issues`} issues={props.issues} whole="(document)" />
          ) : (
            <p class="muted small" id={`${props.name}-help`}>
              {props.help}
            </p>
          )}
          {props.canEdit ? <button type="submit">{props.submit}</button> : <p class="muted small">A read key cannot change the configuration.</p>}
        </aside>
      </div>
    </form>
  );
}
