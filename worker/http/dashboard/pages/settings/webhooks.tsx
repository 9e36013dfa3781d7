// Settings · Webhooks: the site's CRM endpoints with their latest deliveries and replay.
import { Layout } from "../../components/layout";
import { SettingsTabs } from "../../components/settings-tabs";
import { WebhooksPanel, type WebhookWithLog } from "../../components/webhooks-panel";
import type { PageContext } from "../../page-context";

export function WebhooksSettingsPage(props: { ctx: PageContext; webhooks: WebhookWithLog[]; notice?: string }) {
  const { ctx } = props;
  return (
    <Layout ctx={ctx} title="Webhooks" section="settings">
      <h1>{`Settings · ${ctx.site.name}`}</h1>
      <SettingsTabs ctx={ctx} current="webhooks" />
      {props.notice && <p class="notice" role="status">{props.notice}</p>}
      <section class="card" aria-labelledby="webhooks-h">
        <h2 id="webhooks-h">Webhooks</h2>
        <WebhooksPanel webhooks={props.webhooks} site={ctx.site.id} canReplay={ctx.principal.admin} />
      </section>
    </Layout>
  );
}
