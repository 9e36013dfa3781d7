// Webhook endpoints with their latest deliveries (status, attempts, response code, next attempt, the profile) and a
// Replay button each; for the admin, each endpoint's actions and edit form (webhook-actions.tsx).
import type { Issue } from "../../../errors";
import type { LoggedDelivery } from "../../../store/outbox";
import type { Subscription } from "../../../store/webhooks";
import { timeText } from "../format";
import { hrefOf } from "../links";
import type { WebhookFormValues } from "../webhook-form";
import { WebhookActions } from "./webhook-actions";

export interface WebhookWithLog {
  sub: Subscription;
  deliveries: LoggedDelivery[];
}

/** The profile a delivery is about: a link, except for an erased person and the test event's sample. */
function ProfileCell(props: { d: LoggedDelivery; site: string }) {
  const { d } = props;
  if (!d.profile_id) return <td />;
  if (d.type === "webhook.test") return <td class="small muted">sample</td>;
  if (d.type === "profile.deleted") return <td class="small muted" data-profile={d.profile_id}>erased</td>;
  return (
    <td class="small">
      <a href={hrefOf(`/dashboard/profiles/${encodeURIComponent(d.profile_id)}`, { site: props.site })} data-profile={d.profile_id}>
        {d.profile_id}
      </a>
    </td>
  );
}

export function Deliveries(props: { w: WebhookWithLog; site: string; canReplay: boolean }) {
  const { sub, deliveries } = props.w;
  if (deliveries.length === 0) return <p class="muted">No delivery yet.</p>;
  return (
    <div class="scroll">
      <table>
        <caption class="muted small">{`Latest deliveries to ${sub.url}`}</caption>
        <thead>
          <tr>
            <th scope="col">Created (UTC)</th>
            <th scope="col">Type</th>
            <th scope="col">Profile</th>
            <th scope="col">webhook-id</th>
            <th scope="col">Status</th>
            <th scope="col" class="num">Attempts</th>
            <th scope="col" class="num">Response</th>
            <th scope="col">Next attempt (UTC)</th>
            <th scope="col">Last error</th>
            {props.canReplay && <th scope="col"><span class="muted">Action</span></th>}
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <tr data-delivery={d.id} data-webhook-id={d.outbox_id} data-type={d.type ?? ""} data-status={d.status}>
              <th scope="row" class="small">{timeText(d.created_at)}</th>
              <td>{d.type ?? ""}</td>
              <ProfileCell d={d} site={props.site} />
              <td class="small"><code>{d.outbox_id}</code></td>
              <td><span class={`badge ${d.status === "delivered" ? "grade-A" : d.status === "pending" ? "" : "q-junk"}`}>{d.status}</span></td>
              <td class="num" data-attempts={String(d.attempts)}>{String(d.attempts)}</td>
              <td class="num" data-response={d.response_code === null ? "" : String(d.response_code)}>{d.response_code === null ? "–" : String(d.response_code)}</td>
              <td class="small" data-next-attempt={d.status === "pending" && d.next_attempt_at !== null ? new Date(d.next_attempt_at).toISOString() : ""}>
                {d.status === "pending" && d.next_attempt_at !== null ? timeText(d.next_attempt_at) : "–"}
              </td>
              <td class="small">{d.last_error ?? ""}</td>
              {props.canReplay && (
                <td>
                  <form method="post" action={hrefOf(`/dashboard/webhooks/${encodeURIComponent(sub.id)}/deliveries/${encodeURIComponent(d.id)}/replay`, { site: props.site })}>
                    <button type="submit" class="secondary" aria-label={`Replay ${d.type ?? "delivery"} ${d.outbox_id}`}>
                      Replay
                    </button>
                  </form>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function filtersText(f: Subscription["filters"]): string {
  const parts = [
    f.grade && `grade ${f.grade.join("/")}`,
    f.stage && `stage ${f.stage.join("/")}`,
    f.label && `label ${f.label.join("/")}`,
    f.min_score !== undefined && `score ≥ ${f.min_score}`,
  ].filter(Boolean);
  return parts.length ? ` · filters: ${parts.join(", ")}` : "";
}

/** `edit` names the endpoint whose edit form came back refused, with the form as sent. */
export function WebhooksPanel(props: { webhooks: WebhookWithLog[]; site: string; canReplay: boolean; edit?: { id: string; values: WebhookFormValues; issues: Issue[] } }) {
  if (props.webhooks.length === 0) return <p class="muted">No webhook endpoint yet{props.canReplay ? "; add one below." : "."}</p>;
  return (
    <div>
      {props.webhooks.map((w) => (
        <article data-webhook={w.sub.id} data-status={w.sub.status}>
          <h3>
            <code>{w.sub.url}</code> <span class={`badge ${w.sub.status === "active" ? "grade-A" : "q-junk"}`}>{w.sub.status}</span>
          </h3>
          <p class="muted small">{`Events: ${w.sub.events.join(", ")}${filtersText(w.sub.filters)}${w.sub.disabled_reason ? ` · disabled: ${w.sub.disabled_reason}` : ""}`}</p>
          {props.canReplay && <WebhookActions sub={w.sub} edit={props.edit?.id === w.sub.id ? props.edit : undefined} />}
          <Deliveries w={w} site={props.site} canReplay={props.canReplay} />
        </article>
      ))}
    </div>
  );
}
