// "Not saved" and every validation problem by its path: under a JSON editor (scoring, routing) and a form (Meta).
import type { ConfigIssue } from "../../../../schema/scoring";

export function IssuesAlert(props: { id: string; issues: ConfigIssue[]; /** what an empty path stands for */ whole: string }) {
  return (
    <div class="error" role="alert" id={props.id}>
      <strong>{`Not saved: ${props.issues.length} problem${props.issues.length === 1 ? "" : "s"}`}</strong>
      <ul class="issues">
        {props.issues.map((i) => (
          <li data-path={i.path}>
            <code>{i.path || props.whole}</code>: {i.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
