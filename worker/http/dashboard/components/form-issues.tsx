// A form that came back refused: what was wrong, field by field (the API's issue paths), above the form as typed.
import type { Issue } from "../../../errors";

export function FormIssues(props: { id: string; issues: Issue[] }) {
  if (props.issues.length === 0) return null;
  const n = props.issues.length;
  return (
    <div class="error" role="alert" id={props.id}>
      <strong>{`Not saved: ${n} problem${n === 1 ? "" : "s"}`}</strong>
      <ul class="issues">
        {props.issues.map((i) => (
          <li data-issue-path={i.path}>
            <code>{i.path || "(form)"}</code>: {i.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
