// Deleting a webhook endpoint asks first: its delivery log goes with it, and the CRM stops hearing from Pista.
import { Layout } from "../../components/layout";
import { webhookPath } from "../../components/webhook-actions";
import { hrefOf } from "../../links";
import type { PageContext } from "../../page-context";
import type { Subscription } from "../../../../store/webhooks";

export function DeleteWebhookPage(props: { ctx: PageContext; sub: Subscription }) {
  const { sub } = props;
  return (
    <Layout ctx={props.ctx} title="Delete a webhook endpoint" section="settings">
      <h1>Delete this webhook endpoint?</h1>
      <section class="card">
        <p>
          <code>{sub.url}</code>
        </p>
        <p>{"Pista stops sending it events at once, and its delivery log is deleted with it. Nothing about the profiles changes."}</p>
        <form method="post" action={hrefOf(webhookPath(sub, "delete"), { site: sub.site })}>
          <label for="confirm">
            Type DELETE to confirm
            <input id="confirm" name="confirm" required autocomplete="off" />
          </label>
          <p>
            <button type="submit" class="danger">Delete the endpoint</button>{" "}
            <a href={hrefOf("/dashboard/settings/webhooks", { site: sub.site })}>Cancel</a>
          </p>
        </form>
      </section>
    </Layout>
  );
}
