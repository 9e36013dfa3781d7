// Settings · Webhooks: the site's CRM endpoints with their latest deliveries and replay.
import { SettingsFrame } from "../../components/settings-page";
import { WebhooksPanel, type WebhookWithLog } from "../../components/webhooks-panel";
import type { PageContext } from "../../page-context";

export function WebhooksSettingsPage(props: { ctx: PageContext; webhooks: WebhookWithLog[]; notice?: string }) {
  return (
    <SettingsFrame ctx={props.ctx} tab="webhooks" title="Webhooks" notice={props.notice}>
      <section class="card" aria-labelledby="webhooks-h">
        <h2 id="webhooks-h">Webhooks</h2>
        <WebhooksPanel webhooks={props.webhooks} site={props.ctx.site.id} canReplay={props.ctx.principal.admin} />
      </section>
    </SettingsFrame>
  );
}
