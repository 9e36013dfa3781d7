// Leads: one view at a time (identified people, hot visitors, everyone), hottest first by the score as of now, with
// every list filter, previous/next paging and a CSV download of exactly the view.
import type { RoutingConfig } from "../../../../schema/routing";
import { CHANNELS, QUALITY_STATUSES, STAGES } from "../../../../schema/vocabulary";
import { companyOf, nameOf } from "../../../core/profiles/profile";
import type { ProfileView } from "../../../core/profiles/view";
import { GradeBadge, QualityBadge, WordBadge } from "../components/badges";
import { FilterBar } from "../components/filter-bar";
import { Layout } from "../components/layout";
import { Options } from "../components/options";
import { OwnerCell, OwnerFilter } from "../components/owners";
import { timeText, wordsOf } from "../format";
import { ANY_QUALITY, LEAD_VIEWS, type LeadView, type LeadsView } from "../leads-view";
import { hrefOf } from "../links";
import type { PageContext } from "../page-context";
import { personName } from "../people";

export interface LeadsData {
  view: LeadsView;
  labels: string[];
  rows: ProfileView[];
  next: string | null;
  prev: string | null;
  notice?: string;
  routing: RoutingConfig;
  csvRows: number;
}

const scoreScale = (ctx: PageContext) =>
  `Behaviour score as of now: points for what the person did, each worth half after ${ctx.site.scoring.half_life_days} days. A lead becomes an mql at ${ctx.site.scoring.stages.mql_min_score}.`;

function ViewTabs(props: { ctx: PageContext; current: LeadView; params: Record<string, string> }) {
  const { view: _view, quality: _quality, ...filters } = props.params;
  return (
    <ul class="tabs" aria-label="Views">
      {(Object.keys(LEAD_VIEWS) as LeadView[]).map((v) => (
        <li>
          <a href={hrefOf("/dashboard/leads", { site: props.ctx.site.id, ...filters, view: v })} aria-current={v === props.current ? "page" : undefined} data-view={v}>
            {LEAD_VIEWS[v].title}
          </a>
        </li>
      ))}
    </ul>
  );
}

function Filters(props: { ctx: PageContext; data: LeadsData }) {
  const f = props.data.view.params;
  const text = (name: string, label: string, type = "search", extra: Record<string, string> = {}) => (
    <label for={`f-${name}`}>
      {label}
      <input id={`f-${name}`} name={name} type={type} value={f[name] ?? ""} autocomplete="off" {...extra} />
    </label>
  );
  const quality: [string, string][] = [["", "Not junk"], ...QUALITY_STATUSES.map((q): [string, string] => [q, wordsOf(q)]), [ANY_QUALITY, "Any"]];
  return (
    <FilterBar ctx={props.ctx} range={false} hidden={{ view: f.view }}>
      {text("q", "Search e-mail, name, company")}
      <label for="f-stage">
        Stage
        <select id="f-stage" name="stage">
          <Options items={[["", "Any"], ...STAGES.map((s): [string, string] => [s, s])]} selected={f.stage ?? ""} />
        </select>
      </label>
      <label for="f-label">
        Label
        <select id="f-label" name="label">
          <Options items={[["", "Any"], ...props.data.labels.map((l): [string, string] => [l, wordsOf(l)])]} selected={f.label ?? ""} />
        </select>
      </label>
      <label for="f-quality">
        Quality
        <select id="f-quality" name="quality">
          <Options items={quality} selected={f.quality ?? ""} />
        </select>
      </label>
      {text("min_score", "Minimum score", "number", { step: "any" })}
      <label for="f-channel">
        First channel
        <select id="f-channel" name="channel">
          <Options items={[["", "Any"], ...CHANNELS.map((c): [string, string] => [c, c])]} selected={f.channel ?? ""} />
        </select>
      </label>
      {text("source", "First source")}
      {text("campaign", "First campaign")}
      {text("first_seen_from", "First seen from", "date")}
      {text("first_seen_to", "First seen to", "date")}
      {text("last_seen_from", "Active since", "date")}
      <OwnerFilter owners={props.data.routing.owners} owner={f.owner} overdue={f.overdue === "true"} />
    </FilterBar>
  );
}

function SourceCell(props: { p: ProfileView }) {
  const t = props.p.first_touch;
  if (!t) return <td class="muted">–</td>;
  return (
    <td>
      {t.channel}
      <div class="muted small">{[t.source, t.medium].filter(Boolean).join(" / ")}{t.campaign ? ` · ${t.campaign}` : ""}</div>
    </td>
  );
}

export function LeadsPage(props: { ctx: PageContext; data: LeadsData }) {
  const { ctx, data } = props;
  const { view, params } = data.view;
  const keep = { site: ctx.site.id, ...params };
  const filtered = Object.keys(params).some((k) => k !== "view");
  return (
    <Layout ctx={ctx} title="Leads" section="leads">
      <h1>{`Hot leads · ${ctx.site.name}`}</h1>
      {data.notice && (
        <p class="notice" role="status">
          {data.notice}
        </p>
      )}
      <ViewTabs ctx={ctx} current={view} params={params} />
      <Filters ctx={ctx} data={data} />
      <section class="card" aria-labelledby="leads-h">
        <h2 id="leads-h">{LEAD_VIEWS[view].heading}</h2>
        <p class="muted small">
          {view === "people" && "People who left an e-mail, a phone or a user id, without junk (disposable addresses, bots, test entries). "}
          {view === "visitors" && "Visitors who have not said who they are yet, without junk: the ones to watch. "}
          {"Scores are as of this moment: the order, the minimum-score filter and the numbers agree on every page. "}
          <a href={hrefOf("/dashboard/leads.csv", keep)} download data-csv>
            Download CSV
          </a>
          {` of this view (from its hottest row, up to ${data.csvRows.toLocaleString("en")} rows).`}
          {filtered && (
            <>
              {" "}
              <a href={hrefOf("/dashboard/leads", { site: ctx.site.id, view })}>Clear filters</a>
            </>
          )}
        </p>
        {data.rows.length === 0 ? (
          <p class="muted">No profile matches these filters.</p>
        ) : (
          <div class="scroll">
            <table id="leads">
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  <th scope="col">Company</th>
                  <th scope="col" class="num">
                    <abbr title={scoreScale(ctx)}>Score</abbr>
                  </th>
                  <th scope="col">Grade</th>
                  <th scope="col">Stage</th>
                  <th scope="col">Label</th>
                  <th scope="col">Quality</th>
                  <th scope="col">First source</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Last seen (UTC)</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((p) => (
                  <tr data-profile={p.id}>
                    <th scope="row">
                      <a href={hrefOf(`/dashboard/profiles/${encodeURIComponent(p.id)}`, ctx.keep)}>{personName(p)}</a>
                      {p.email && nameOf(p.traits) && <div class="muted small" data-email={p.email}>{p.email}</div>}
                    </th>
                    <td>{companyOf(p.traits) ?? ""}</td>
                    <td class="num" data-score={String(p.score)}>{String(Math.round(p.score))}</td>
                    <td><GradeBadge grade={p.grade} /></td>
                    <td>{p.stage}</td>
                    <td><WordBadge value={p.label} /></td>
                    <td><QualityBadge quality={p.quality} /></td>
                    <SourceCell p={p} />
                    <OwnerCell p={p} routing={data.routing} now={ctx.app.now} />
                    <td class="small">{timeText(p.last_seen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav class="pager" aria-label="Pages">
          {data.prev && <a href={hrefOf("/dashboard/leads", keep)}>First page</a>}
          {data.prev && (
            <a href={hrefOf("/dashboard/leads", { ...keep, before: data.prev })} rel="prev">
              ← Previous page
            </a>
          )}
          {data.next && (
            <a href={hrefOf("/dashboard/leads", { ...keep, cursor: data.next })} rel="next">
              Next page →
            </a>
          )}
        </nav>
      </section>
    </Layout>
  );
}
