// Leads: the hottest profiles by score, with filters (stage, label, minimum score), search by e-mail, cursor paging.
import { STAGES } from "../../../../schema/vocabulary";
import type { ProfileView } from "../../../core/profiles/view";
import { GradeBadge, QualityBadge, WordBadge } from "../components/badges";
import { FilterBar } from "../components/filter-bar";
import { Layout } from "../components/layout";
import { timeText, wordsOf } from "../format";
import { hrefOf } from "../links";
import type { PageContext } from "../page-context";
import { companyOf, nameOf } from "../../../core/profiles/profile";
import { personName } from "../people";
import type { RoutingConfig } from "../../../../schema/routing";
import { OwnerCell, OwnerFilter } from "../components/owners";

export interface LeadFilters {
  stage?: string;
  label?: string;
  min_score?: string;
  email?: string;
  owner?: string;
  overdue?: string;
}

export function LeadsPage(props: { ctx: PageContext; filters: LeadFilters; labels: string[]; rows: ProfileView[]; next: string | null; paged: boolean; notice?: string; routing: RoutingConfig }) {
  const { ctx, filters } = props;
  const keep = { site: ctx.site.id, ...filters };
  return (
    <Layout ctx={ctx} title="Leads" section="leads">
      <h1>{`Hot leads · ${ctx.site.name}`}</h1>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      <FilterBar ctx={ctx} range={false}>
        <label for="f-stage">
          Stage
          <select id="f-stage" name="stage">
            <option value="">Any</option>
            {STAGES.map((s) => (
              <option value={s} selected={s === filters.stage}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label for="f-label">
          Label
          <select id="f-label" name="label">
            <option value="">Any</option>
            {props.labels.map((l) => (
              <option value={l} selected={l === filters.label}>
                {wordsOf(l)}
              </option>
            ))}
          </select>
        </label>
        <label for="f-min">
          Minimum score
          <input id="f-min" name="min_score" type="number" step="any" value={filters.min_score ?? ""} />
        </label>
        <label for="f-email">
          E-mail (exact)
          <input id="f-email" name="email" type="search" value={filters.email ?? ""} autocomplete="off" />
        </label>
        <OwnerFilter owners={props.routing.owners} owner={filters.owner} overdue={filters.overdue === "true"} />
      </FilterBar>
      <section class="card" aria-labelledby="leads-h">
        <h2 id="leads-h">Profiles by score, hottest first</h2>
        {props.rows.length === 0 ? (
          <p class="muted">No profile matches these filters.</p>
        ) : (
          <div class="scroll">
            <table id="leads">
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Company</th>
                  <th scope="col" class="num">Score</th>
                  <th scope="col">Grade</th>
                  <th scope="col">Stage</th>
                  <th scope="col">Label</th>
                  <th scope="col">Quality</th>
                  <th scope="col">First channel</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Last seen (UTC)</th>
                </tr>
              </thead>
              <tbody>
                {props.rows.map((p) => (
                  <tr data-profile={p.id}>
                    <th scope="row">
                      <a href={hrefOf(`/dashboard/profiles/${encodeURIComponent(p.id)}`, ctx.keep)}>{personName(p)}</a>
                      {p.email && nameOf(p.traits) && <div class="muted small">{p.email}</div>}
                    </th>
                    <td>{companyOf(p.traits) ?? ""}</td>
                    <td class="num" data-score={String(p.score)}>{String(Math.round(p.score))}</td>
                    <td><GradeBadge grade={p.grade} /></td>
                    <td>{p.stage}</td>
                    <td><WordBadge value={p.label} /></td>
                    <td><QualityBadge quality={p.quality} /></td>
                    <td>{p.first_touch?.channel ?? ""}</td>
                    <OwnerCell p={p} routing={props.routing} now={ctx.app.now} />
                    <td class="small">{timeText(p.last_seen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav class="pager" aria-label="Pages">
          {props.paged && <a href={hrefOf("/dashboard/leads", keep)}>First page</a>}
          {props.next && <a href={hrefOf("/dashboard/leads", { ...keep, cursor: props.next })} rel="next">Next page →</a>}
        </nav>
      </section>
    </Layout>
  );
}
