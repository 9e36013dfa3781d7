// What an admin can do with one endpoint: send a test event, rotate the secret, disable or enable it, delete it (after
// a confirm page), and edit its URL, event types and filters.
import type { Issue } from "../../../errors";
import type { Subscription } from "../../../store/webhooks";
import { hrefOf } from "../links";
import { webhookValuesOf, type WebhookFormValues } from "../webhook-form";
import { WebhookForm } from "./webhook-form";

export const webhookPath = (sub: Pick<Subscription, "id">, action = "") => `/dashboard/webhooks/${encodeURIComponent(sub.id)}${action ? `/${action}` : ""}`;

function ActionButton(props: { sub: Subscription; action: string; label: string; fields?: Record<string, string>; kind?: "secondary" | "danger" }) {
  return (
    <form method="post" action={hrefOf(webhookPath(props.sub, props.action), { site: props.sub.site })}>
      {Object.entries(props.fields ?? {}).map(([name, value]) => <input type="hidden" name={name} value={value} />)}
      <button type="submit" class={props.kind ?? "secondary"} data-action={props.action}>
        {props.label}
      </button>
    </form>
  );
}

/** The endpoint's buttons and its edit form; `edit` is the form as sent when it came back refused. */
export function WebhookActions(props: { sub: Subscription; edit?: { values: WebhookFormValues; issues: Issue[] } }) {
  const { sub } = props;
  const active = sub.status === "active";
  return (
    <div class="actions">
      <div class="buttons">
        {active && <ActionButton sub={sub} action="test" label="Send a test event" />}
        <ActionButton sub={sub} action="rotate" label="Rotate the secret" />
        <ActionButton sub={sub} action="status" label={active ? "Disable" : "Enable"} fields={{ status: active ? "disabled" : "active" }} />
        <a class="button secondary" href={hrefOf(webhookPath(sub, "delete"), { site: sub.site })} data-action="delete">
          Delete…
        </a>
      </div>
      <details open={props.edit !== undefined}>
        <summary>Edit the URL, event types and filters</summary>
        <WebhookForm
          prefix={`edit-${sub.id}`}
          action={hrefOf(webhookPath(sub), { site: sub.site })}
          values={props.edit?.values ?? webhookValuesOf(sub)}
          issues={props.edit?.issues ?? []}
          submit="Save the endpoint"
        />
      </details>
    </div>
  );
}
