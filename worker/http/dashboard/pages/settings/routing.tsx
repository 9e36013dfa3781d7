// Settings · Owners and routing: who works the site's leads and how they hear of them (each owner's Slack and Teams,
// with a test button), the routing configuration as validated JSON, and the latest alert deliveries with replay.
import type { RoutingOwner } from "../../../../../schema/routing";
import type { ConfigIssue } from "../../../../../schema/scoring";
import { ALERT_KIND_LABELS, ALERT_KINDS } from "../../../../../schema/vocabulary";
import type { Subscription } from "../../../../store/webhooks";
import { JsonEditor } from "../../components/json-editor";
import { SettingsFrame } from "../../components/settings-page";
import { Deliveries, type WebhookWithLog } from "../../components/webhooks-panel";
import { hrefOf } from "../../links";
import type { PageContext } from "../../page-context";

export interface RoutingEditorState {
  text: string;
  version: number;
  issues: ConfigIssue[];
}

export interface RoutingPageProps {
  ctx: PageContext;
  editor: RoutingEditorState;
  owners: RoutingOwner[];
  /** every alert endpoint of the site (disabled ones too), with its latest deliveries */
  alerts: WebhookWithLog[];
  notice?: string;
  error?: string;
}

function EndpointStatus(props: { endpoint: Subscription | undefined }) {
  const e = props.endpoint;
  if (!e) return <span class="muted">–</span>;
  return <span class={`badge ${e.status === "active" ? "grade-A" : "q-junk"}`} data-status={e.status}>{e.status}</span>;
}

function Owners(props: { ctx: PageContext; owners: RoutingOwner[]; alerts: WebhookWithLog[] }) {
  const { ctx } = props;
  if (props.owners.length === 0) return <p class="muted">No owner yet: add owners and rules below, and qualified leads start getting an owner.</p>;
  const endpointOf = (owner: string, kind: string) => props.alerts.map((a) => a.sub).find((s) => s.config.owner_id === owner && s.kind === kind && s.status === "active");
  return (
    <div class="scroll">
      <table id="owners">
        <thead>
          <tr>
            <th scope="col">Owner</th>
            <th scope="col">E-mail</th>
            {ALERT_KINDS.map((k) => <th scope="col">{ALERT_KIND_LABELS[k]}</th>)}
            <th scope="col">Leads</th>
            {ctx.principal.admin && <th scope="col"><span class="muted">Action</span></th>}
          </tr>
        </thead>
        <tbody>
          {props.owners.map((o) => {
            const hasAlerts = ALERT_KINDS.some((k) => endpointOf(o.id, k));
            return (
              <tr data-owner={o.id}>
                <th scope="row">
                  {o.name} <code class="small muted">{o.id}</code>
                </th>
                <td>{o.email ?? ""}</td>
                {ALERT_KINDS.map((k) => <td><EndpointStatus endpoint={endpointOf(o.id, k)} /></td>)}
                <td>
                  <a href={hrefOf("/dashboard/leads", { ...ctx.keep, owner: o.id })}>{`${o.name}'s leads`}</a>
                </td>
                {ctx.principal.admin && (
                  <td>
                    {hasAlerts ? (
                      <form method="post" action={hrefOf("/dashboard/settings/routing/test", { site: ctx.site.id })}>
                        <input type="hidden" name="owner" value={o.id} />
                        <button type="submit" class="secondary" aria-label={`Send a test alert to ${o.name}`}>Send a test alert</button>
                      </form>
                    ) : (
                      <span class="muted small">no Slack or Teams URL</span>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const HELP = (
  <>
    <code>owners</code>: id, name, e-mail, <code>slack_url</code>, <code>teams_url</code>. <code>rules</code>: the first whose{" "}
    <code>when</code> (country, grade, label, stage, channel, trait) holds assigns its owner or the next of its{" "}
    <code>round_robin</code>; else <code>fallback</code>. Leads are assigned when they reach <code>assign_at</code> (lead or mql);
    one not contacted within <code>follow_up.within_minutes</code> is escalated to <code>escalate_to</code>. Alert URLs must be
    https and public. See <a href="/docs/ROUTING.md">the routing guide</a>.
  </>
);

export function RoutingSettingsPage(props: RoutingPageProps) {
  const { ctx } = props;
  const site = ctx.site.id;
  return (
    <SettingsFrame ctx={ctx} tab="routing" title="Owners and routing" notice={props.notice} error={props.error}>
      <section class="card" aria-labelledby="owners-h">
        <h2 id="owners-h">Owners</h2>
        <Owners ctx={ctx} owners={props.owners} alerts={props.alerts} />
        <p class="small">
          <a href={hrefOf("/dashboard/leads", { ...ctx.keep, owner: "none" })}>Unassigned leads</a> ·{" "}
          <a href={hrefOf("/dashboard/leads", { ...ctx.keep, overdue: "true" })}>Overdue leads</a>
        </p>
      </section>
      <section class="card" aria-labelledby="routing-h">
        <h2 id="routing-h">Routing</h2>
        <JsonEditor
          action={hrefOf("/dashboard/settings/routing", { site })}
          name="routing"
          label={`Configuration (version ${props.editor.version})`}
          text={props.editor.text}
          issues={props.editor.issues}
          canEdit={ctx.principal.admin}
          rows={22}
          help={HELP}
          submit="Save routing"
        />
      </section>
      <section class="card" aria-labelledby="alerts-h">
        <h2 id="alerts-h">Alert deliveries</h2>
        {props.alerts.length === 0 ? (
          <p class="muted">No alert endpoint yet: give an owner a slack_url or teams_url.</p>
        ) : (
          props.alerts.map((w) => (
            <article data-alert={w.sub.id}>
              <h3>{`${String(w.sub.config.owner_name ?? w.sub.config.owner_id)} · ${ALERT_KIND_LABELS[w.sub.kind as keyof typeof ALERT_KIND_LABELS] ?? w.sub.kind}`}</h3>
              {w.sub.disabled_reason && <p class="muted small">{`Disabled: ${w.sub.disabled_reason}`}</p>}
              <Deliveries w={w} site={site} canReplay={ctx.principal.admin} />
            </article>
          ))
        )}
      </section>
    </SettingsFrame>
  );
}
