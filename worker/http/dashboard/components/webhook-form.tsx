// The webhook endpoint form (create and edit): URL, event types and filters, with the problems by path when it came
// back refused. The fields map one to one onto POST/PATCH /api/v1/webhooks (webhook-form.ts).
import { GRADES } from "../../../../schema/scoring";
import { STAGES, SUBSCRIBABLE_EVENT_TYPES } from "../../../../schema/vocabulary";
import type { Issue } from "../../../errors";
import type { WebhookFormValues } from "../webhook-form";
import { FormIssues } from "./form-issues";

/** What each event type means, next to its checkbox. */
const EVENT_HINTS: Record<string, string> = {
  "profile.identified": "a visitor leaves an e-mail, phone or user id",
  "profile.stage_changed": "the stage moves",
  "profile.qualified": "the lead becomes an MQL",
  "profile.merged": "two profiles turn out to be one person",
  "profile.deleted": "a person is erased (ignores filters)",
  "profile.updated": "the CRM's verdict changes",
};

function Checks(props: { prefix: string; name: string; legend: string; options: readonly string[]; checked: string[]; hints?: Record<string, string> }) {
  return (
    <fieldset data-field={props.name}>
      <legend class="small muted">{props.legend}</legend>
      {props.options.map((o) => (
        <label class="check" for={`${props.prefix}-${props.name}-${o}`}>
          <input id={`${props.prefix}-${props.name}-${o}`} type="checkbox" name={props.name} value={o} checked={props.checked.includes(o)} />
          <span>
            <code>{o}</code>
            {props.hints?.[o] && <span class="muted small">{` — ${props.hints[o]}`}</span>}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

export function WebhookForm(props: { prefix: string; action: string; values: WebhookFormValues; issues: Issue[]; submit: string }) {
  const { prefix, values } = props;
  const issuesId = `${prefix}-issues`;
  const invalid = (path: string) => (props.issues.some((i) => i.path === path || i.path.startsWith(`${path}.`)) ? "true" : undefined);
  return (
    <form method="post" action={props.action} class="webhook-form" data-form={prefix} aria-describedby={props.issues.length ? issuesId : undefined}>
      <FormIssues id={issuesId} issues={props.issues} />
      <label for={`${prefix}-url`}>
        Endpoint URL <span class="muted small">(https and public; http and 127.0.0.1 only in local development)</span>
        <input id={`${prefix}-url`} name="url" type="text" inputmode="url" required value={values.url} placeholder="https://crm.example.com/pista" aria-invalid={invalid("url")} />
      </label>
      <Checks prefix={prefix} name="events" legend="Event types (at least one)" options={SUBSCRIBABLE_EVENT_TYPES} checked={values.events} hints={EVENT_HINTS} />
      <details open={values.grade.length + values.stage.length > 0 || values.label !== "" || values.min_score !== "" || invalid("filters") === "true"}>
        <summary>Filters (optional: every one given must pass)</summary>
        <Checks prefix={prefix} name="grade" legend="Grade" options={GRADES} checked={values.grade} />
        <Checks prefix={prefix} name="stage" legend="Stage" options={STAGES} checked={values.stage} />
        <label for={`${prefix}-label`}>
          Labels <span class="muted small">(separated by commas)</span>
          <input id={`${prefix}-label`} name="label" value={values.label} placeholder="ready_to_buy" aria-invalid={invalid("filters.label")} />
        </label>
        <label for={`${prefix}-min`}>
          Minimum score
          <input id={`${prefix}-min`} name="min_score" inputmode="decimal" value={values.min_score} aria-invalid={invalid("filters.min_score")} />
        </label>
      </details>
      <p>
        <button type="submit">{props.submit}</button>
      </p>
    </form>
  );
}
