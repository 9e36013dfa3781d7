// Webhook endpoints with their latest deliveries (status, attempts, response code) and a Replay button each.
import type { LoggedDelivery } from "../../../store/outbox";
import type { Subscription } from "../../../store/webhooks";
import { timeText } from "../format";
import { hrefOf } from "../links";

export interface WebhookWithLog {
  sub: Subscription;
  deliveries: LoggedDelivery[];
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
            <th scope="col">webhook-id</th>
            <th scope="col">Status</th>
            <th scope="col" class="num">Attempts</th>
            <th scope="col" class="num">Response</th>
            <th scope="col">Last error</th>
            {props.canReplay && <th scope="col"><span class="muted">Action</span></th>}
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <tr data-delivery={d.id} data-webhook-id={d.outbox_id}>
              <th scope="row" class="small">{timeText(d.created_at)}</th>
              <td>{d.type ?? ""}</td>
              <td class="small"><code>{d.outbox_id}</code></td>
              <td><span class={`badge ${d.status === "delivered" ? "grade-A" : d.status === "pending" ? "" : "q-junk"}`}>{d.status}</span></td>
              <td class="num" data-attempts={String(d.attempts)}>{String(d.attempts)}</td>
              <td class="num">{d.response_code === null ? "–" : String(d.response_code)}</td>
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

export function WebhooksPanel(props: { webhooks: WebhookWithLog[]; site: string; canReplay: boolean }) {
  if (props.webhooks.length === 0) return <p class="muted">No webhook endpoint yet; create one with POST /api/v1/webhooks.</p>;
  return (
    <div>
      {props.webhooks.map((w) => (
        <article data-webhook={w.sub.id}>
          <h3>
            <code>{w.sub.url}</code> <span class={`badge ${w.sub.status === "active" ? "grade-A" : "q-junk"}`}>{w.sub.status}</span>
          </h3>
          <p class="muted small">{`Events: ${w.sub.events.join(", ")}${w.sub.disabled_reason ? ` · disabled: ${w.sub.disabled_reason}` : ""}`}</p>
          <Deliveries w={w} site={props.site} canReplay={props.canReplay} />
        </article>
      ))}
    </div>
  );
}
