// The CRM's verdict on a profile page: contacted, disposition and deal as the CRM (or a person here) set them, and
// the admin's form to set them, which saves through the same service as PATCH /api/v1/profiles/{id}.
import { DISPOSITION_LABELS, DISPOSITIONS } from "../../../../schema/vocabulary";
import type { ProfileView } from "../../../core/profiles/view";
import type { Issue } from "../../../errors";
import { timeText } from "../format";
import { hrefOf } from "../links";
import type { PageContext } from "../page-context";
import { FormIssues } from "./form-issues";
import { Options } from "./options";

const MONEY = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function dealText(deal: ProfileView["deal"]): string {
  return deal ? `${MONEY.format(deal.amount)} ${deal.currency}` : "none";
}

/** What the form last sent, shown again when it comes back refused. */
export interface VerdictInput {
  contacted: boolean;
  disposition: string;
  amount: string;
  currency: string;
}

export function verdictInputOf(p: ProfileView): VerdictInput {
  return { contacted: p.contacted_at !== null, disposition: p.disposition ?? "", amount: p.deal ? String(p.deal.amount) : "", currency: p.deal?.currency ?? "" };
}

export function VerdictFacts(props: { p: ProfileView }) {
  const { p } = props;
  return (
    <dl class="facts" id="verdict">
      <dt>contacted</dt>
      <dd data-contacted-at={p.contacted_at ?? ""}>{p.contacted_at ? timeText(p.contacted_at) : "not yet"}</dd>
      <dt>disposition</dt>
      <dd data-disposition={p.disposition ?? ""}>{p.disposition ? DISPOSITION_LABELS[p.disposition] : "none"}</dd>
      <dt>deal</dt>
      <dd data-deal-amount={p.deal ? String(p.deal.amount) : ""} data-deal-currency={p.deal?.currency ?? ""}>
        {dealText(p.deal)}
      </dd>
    </dl>
  );
}

export function VerdictForm(props: { ctx: PageContext; p: ProfileView; input: VerdictInput; issues: Issue[] }) {
  const { input } = props;
  const invalid = (path: string) => (props.issues.some((i) => i.path === path || i.path.startsWith(`${path}.`)) ? "true" : undefined);
  return (
    <>
    <FormIssues id="verdict-issues" issues={props.issues} />
    <form class="filters" method="post" action={hrefOf(`/dashboard/profiles/${encodeURIComponent(props.p.id)}/verdict`, props.ctx.keep)} aria-describedby={props.issues.length ? "verdict-issues" : undefined}>
      <label class="check" for="v-contacted">
        <input id="v-contacted" type="checkbox" name="contacted" value="true" checked={input.contacted} />
        Contacted
      </label>
      <label for="v-disposition">
        Disposition
        <select id="v-disposition" name="disposition" aria-invalid={invalid("disposition")}>
          <Options items={[["", "None"], ...DISPOSITIONS.map((d) => [d, DISPOSITION_LABELS[d]] as const)]} selected={input.disposition} />
        </select>
      </label>
      <label for="v-amount">
        Deal amount
        <input id="v-amount" name="deal_amount" inputmode="decimal" value={input.amount} aria-invalid={invalid("deal")} placeholder="12000" />
      </label>
      <label for="v-currency">
        Currency
        <input id="v-currency" name="deal_currency" size={4} value={input.currency} aria-invalid={invalid("deal")} placeholder="EUR" />
      </label>
      <button type="submit">Save the verdict</button>
    </form>
    </>
  );
}

/** The verdict section: everyone sees it; the admin also gets the form (filled as sent when it came back refused). */
export function VerdictCard(props: { ctx: PageContext; p: ProfileView; sent?: { input: VerdictInput; issues: Issue[] } }) {
  return (
    <section class="card" aria-labelledby="verdict-h">
      <h2 id="verdict-h">The CRM's verdict</h2>
      <VerdictFacts p={props.p} />
      {props.ctx.principal.admin && <VerdictForm ctx={props.ctx} p={props.p} input={props.sent?.input ?? verdictInputOf(props.p)} issues={props.sent?.issues ?? []} />}
    </section>
  );
}
