// Accounts: the companies behind the people, hottest first by the sum of their people's scores, with search by name or
// domain, a minimum score and a stage, paged both ways by the same keyset cursors as the API.
import { STAGES } from "../../../../schema/vocabulary";
import type { AccountView } from "../../../core/accounts/view";
import { GradeBadge, WordBadge } from "../components/badges";
import { FilterBar } from "../components/filter-bar";
import { Layout } from "../components/layout";
import { Select } from "../components/options";
import { RowsTable } from "../components/rows-table";
import { timeText } from "../format";
import { hrefOf } from "../links";
import type { PageContext } from "../page-context";

export interface AccountFilters {
  q?: string;
  min_score?: string;
  stage?: string;
}

export const accountHref = (ctx: PageContext, a: { id: string }) => hrefOf(`/dashboard/accounts/${encodeURIComponent(a.id)}`, ctx.keep);

export function AccountsPage(props: { ctx: PageContext; filters: AccountFilters; rows: AccountView[]; next: string | null; prev: string | null; minScore: number }) {
  const { ctx, filters } = props;
  const keep = { site: ctx.site.id, ...filters };
  const stages: [string, string][] = [["", "Any"], ...STAGES.filter((s) => s !== "visitor").map((s): [string, string] => [s, s])];
  return (
    <Layout ctx={ctx} title="Accounts" section="accounts">
      <h1>{`Accounts · ${ctx.site.name}`}</h1>
      <p class="muted small">
        {`The people of one company (one corporate e-mail domain) together. An account's score is the sum of its people's scores now; it qualifies at ${props.minScore}.`}
      </p>
      <FilterBar ctx={ctx} range={false}>
        <label for="f-q">
          Name or domain
          <input id="f-q" name="q" type="search" value={filters.q ?? ""} autocomplete="off" />
        </label>
        <label for="f-min">
          Minimum score
          <input id="f-min" name="min_score" type="number" step="any" value={filters.min_score ?? ""} />
        </label>
        <Select id="f-stage" name="stage" label="Stage" items={stages} selected={filters.stage ?? ""} />
      </FilterBar>
      <section class="card" aria-labelledby="accounts-h">
        <h2 id="accounts-h">Accounts by score, hottest first</h2>
        <RowsTable id="accounts" columns={["Account", "#People", "#Score", "Grade", "Stage", "Label", "Owner", "Last seen (UTC)"]} count={props.rows.length} empty="No account matches these filters.">
          {props.rows.map((a) => (
            <tr data-account={a.id}>
              <th scope="row">
                <a href={accountHref(ctx, a)}>{a.name ?? a.domain}</a>
                {a.name && <div class="muted small">{a.domain}</div>}
              </th>
              <td class="num">{String(a.people)}</td>
              <td class="num" data-score={String(a.score)}>{String(Math.round(a.score))}</td>
              <td><GradeBadge grade={a.grade} /></td>
              <td data-stage={a.stage}>{a.stage}</td>
              <td>{a.label && <WordBadge value={a.label} />}</td>
              <td>{a.owner?.name ?? <span class="muted">–</span>}</td>
              <td class="small">{timeText(a.last_seen ?? "")}</td>
            </tr>
          ))}
        </RowsTable>
        <nav class="pager" aria-label="Pages">
          {props.prev && <a href={hrefOf("/dashboard/accounts", { ...keep, before: props.prev })} rel="prev">← Previous page</a>}
          {props.next && <a href={hrefOf("/dashboard/accounts", { ...keep, cursor: props.next })} rel="next">Next page →</a>}
        </nav>
      </section>
    </Layout>
  );
}
