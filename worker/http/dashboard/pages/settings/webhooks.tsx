// Settings · Webhooks: the site's CRM endpoints with their latest deliveries and replay; for the admin, adding an
// endpoint, each endpoint's actions, and a new secret shown once after creating or rotating.
import type { Issue } from "../../../../errors";
import { SettingsFrame } from "../../components/settings-page";
import { WebhookForm } from "../../components/webhook-form";
import { WebhooksPanel, type WebhookWithLog } from "../../components/webhooks-panel";
import { hrefOf } from "../../links";
import type { PageContext } from "../../page-context";
import type { WebhookFormValues } from "../../webhook-form";
import { EMPTY_WEBHOOK_VALUES } from "../../webhook-form";
import type { NewSecret } from "../../secret-flash";

export interface WebhooksPageProps {
  ctx: PageContext;
  webhooks: WebhookWithLog[];
  notice?: string;
  /** a secret just made (creation or rotation): shown this once */
  secret?: NewSecret;
  /** the add form as sent, when it came back refused */
  create?: { values: WebhookFormValues; issues: Issue[] };
  /** an endpoint's edit form as sent, when it came back refused */
  edit?: { id: string; values: WebhookFormValues; issues: Issue[] };
}

function NewSecret(props: { secret: NonNullable<WebhooksPageProps["secret"]> }) {
  const s = props.secret;
  return (
    <section class="card new-keys" aria-labelledby="secret-h" data-new-secret={s.id}>
      <h2 id="secret-h">Copy this signing secret now</h2>
      <p class="muted small">{`For ${s.url}. It is shown only this once; your CRM verifies every request with it (Standard Webhooks).`}</p>
      <div class="snippet">
        <label for="new-secret" class="sr-only">Signing secret</label>
        <input id="new-secret" readonly value={s.secret} data-secret={s.secret} />
      </div>
      {s.previous_expires_at && <p class="small">{`The previous secret keeps signing alongside it until ${s.previous_expires_at.slice(0, 16).replace("T", " ")} UTC.`}</p>}
    </section>
  );
}

export function WebhooksSettingsPage(props: WebhooksPageProps) {
  const { ctx } = props;
  const admin = ctx.principal.admin;
  return (
    <SettingsFrame ctx={ctx} tab="webhooks" title="Webhooks" notice={props.notice}>
      {props.secret && <NewSecret secret={props.secret} />}
      <section class="card" aria-labelledby="webhooks-h">
        <h2 id="webhooks-h">Webhooks</h2>
        <WebhooksPanel webhooks={props.webhooks} site={ctx.site.id} canReplay={admin} edit={props.edit} />
      </section>
      {admin && (
        <section class="card" aria-labelledby="add-webhook-h">
          <h2 id="add-webhook-h">Add an endpoint</h2>
          <p class="muted small">Pista signs every request; the secret is shown once, after you add the endpoint.</p>
          <WebhookForm
            prefix="new"
            action={hrefOf("/dashboard/settings/webhooks", { site: ctx.site.id })}
            values={props.create?.values ?? EMPTY_WEBHOOK_VALUES}
            issues={props.create?.issues ?? []}
            submit="Add the endpoint"
          />
        </section>
      )}
    </SettingsFrame>
  );
}
