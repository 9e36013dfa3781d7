// The scoring configuration as JSON in a textarea, with validation problems listed beside it by their path.
import type { ConfigIssue } from "../../../../schema/scoring";
import { hrefOf } from "../links";
import type { PageContext } from "../page-context";
import { JsonEditor } from "./json-editor";

export interface ScoringEditorState {
  text: string;
  version: number;
  isDefault: boolean;
  issues: ConfigIssue[];
}

export function ScoringEditor(props: { ctx: PageContext; state: ScoringEditorState }) {
  const { ctx, state } = props;
  return (
    <JsonEditor
      action={hrefOf("/dashboard/settings/scoring", { site: ctx.site.id })}
      name="scoring"
      label={`Configuration (version ${state.version}${state.isDefault ? ", the built-in default" : ""})`}
      text={state.text}
      issues={state.issues}
      canEdit={ctx.principal.admin}
      help="Behaviour rules add decaying points, fit rules set the grade, labels and stages follow. Saving checks every field, keeps the old version if anything is wrong, and rescores existing profiles."
      submit="Save and rescore"
    />
  );
}
