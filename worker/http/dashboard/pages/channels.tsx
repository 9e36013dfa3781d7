// Channels: per channel, source or campaign, what it cost, what it brought and how its leads convert, under the chosen
// attribution model, against the period before; the cost import and the site's currency.
import { CHANNEL_METRICS, GROUPING_LABELS, MODEL_LABELS, type ChannelMetric } from "../../../../schema/vocabulary";
import type { ChannelFigures, ChannelRow } from "../../../core/money/report";
import type { ChannelReportView } from "../../../services/channels";
import type { AttributionChoice } from "../attribution-report";
import { deltaOf, figuresBefore, isZeroRow, metricFormat, presetsOf, type MetricFormat } from "../channels-view";
import { FilterBar } from "../components/filter-bar";
import { GroupByPicker } from "../components/group-by-picker";
import { Layout } from "../components/layout";
import { ModelTabs } from "../components/model-tabs";
import { hrefOf } from "../links";
import type { PageContext } from "../page-context";
import { COST_CSV_HEADER } from "../../../../schema/api";

/** The money table and the funnel table, column by column. */
const MONEY_COLUMNS: ChannelMetric[] = ["sessions", "leads", "customers", "revenue", "cost", "cost_per_lead", "cac", "roas", "lead_rate", "junk_share"];
const FUNNEL_COLUMNS: ChannelMetric[] = ["leads", "mqls", "sqls", "customers", "orders", "mql_rate", "sql_rate", "customer_rate", "median_days_to_lead", "median_days_to_customer"];
const KPIS: ChannelMetric[] = ["leads", "customers", "revenue", "cost", "cost_per_lead", "cac", "roas"];

export interface CostImportState {
  /** the CSV as pasted, kept when the import was refused */
  text: string;
  issues: { path: string; message: string }[];
}

export interface ChannelsPageProps {
  ctx: PageContext;
  choice: AttributionChoice;
  report: ChannelReportView;
  /** the same report for the period before */
  before: ChannelReportView;
  previous: { from: string; to: string };
  showZero: boolean;
  notice?: string;
  error?: string;
  costImport?: CostImportState;
}

function Figure(props: { metric: ChannelMetric; now: ChannelFigures; before: ChannelFigures; format: MetricFormat }) {
  const value = props.now[props.metric];
  const delta = deltaOf(props.metric, value, props.before[props.metric], props.format);
  return (
    <>
      <span data-value={value === null ? "" : String(value)}>{props.format(props.metric, value)}</span>
      {delta && <span class={delta.tone ? `delta ${delta.tone}` : "delta"}>{delta.text}</span>}
    </>
  );
}

function ReportTable(props: { id: string; caption: string; columns: ChannelMetric[]; rows: ChannelRow[]; before: (key: string) => ChannelFigures; totals: [ChannelFigures, ChannelFigures]; group: string; leadsLink: (key: string) => string; format: MetricFormat }) {
  return (
    <div class="scroll">
      <table id={props.id}>
        <caption class="sr-only">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.group}</th>
            {props.columns.map((m) => <th scope="col" class="num">{CHANNEL_METRICS[m].label}</th>)}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr data-key={row.key}>
              <th scope="row">
                <a href={props.leadsLink(row.key)} title={`Leads whose first touch was ${row.key}`}>{row.key}</a>
              </th>
              {props.columns.map((m) => (
                <td class="num" data-metric={m}>
                  <Figure metric={m} now={row} before={props.before(row.key)} format={props.format} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-key="(total)">
            <th scope="row">Total</th>
            {props.columns.map((m) => (
              <td class="num" data-metric={m}>
                <Figure metric={m} now={props.totals[0]} before={props.totals[1]} format={props.format} />
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function ChannelsPage(props: ChannelsPageProps) {
  const { ctx, choice, report, before } = props;
  const format = metricFormat(report.currency);
  const group = GROUPING_LABELS[choice.group_by];
  const params = { ...ctx.keep, group_by: choice.group_by, zero: props.showZero ? "1" : undefined };
  const shown = props.showZero ? report.rows : report.rows.filter((r) => !isZeroRow(r));
  const hidden = report.rows.length - shown.length;
  const previous = figuresBefore(before.rows);
  const leadsLink = (key: string) => hrefOf("/dashboard/leads", { site: ctx.site.id, [choice.group_by]: key });
  const admin = ctx.principal.admin;
  const action = (path: string) => hrefOf(`/dashboard/channels${path}`, { ...ctx.keep, group_by: choice.group_by, model: choice.model });
  const rates = Object.entries(ctx.site.settings.fx);
  return (
    <Layout ctx={ctx} title="Channels" section="channels">
      <h1>{`Channels · ${ctx.site.name}`}</h1>
      {props.notice && <p class="notice" role="status">{props.notice}</p>}
      {props.error && <p class="error" role="alert">{props.error}</p>}
      <FilterBar ctx={ctx} hidden={{ model: choice.model, zero: props.showZero ? "1" : undefined }}>
        <GroupByPicker value={choice.group_by} />
      </FilterBar>
      <nav aria-label="Date presets">
        <ul class="tabs" id="presets">
          {presetsOf(ctx.app.now).map((p) => (
            <li>
              <a href={hrefOf("/dashboard/channels", { ...params, from: p.from, to: p.to, model: choice.model })} data-preset={p.id} aria-current={p.from === ctx.range.from && p.to === ctx.range.to ? "page" : undefined}>
                {p.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <ModelTabs current={choice.model} params={params} path="/dashboard/channels" />
      <p class="muted small" id="period">
        {`${MODEL_LABELS[choice.model]}: conversions and revenue credited by the model, ${ctx.range.from} to ${ctx.range.to}, in ${report.currency}. Changes are against ${props.previous.from} to ${props.previous.to}.`}
      </p>
      {report.missing_rates.length > 0 && (
        <p class="warning" role="alert" id="missing-rates">{`No exchange rate for ${report.missing_rates.join(", ")}: those amounts are left out. Add the rates below.`}</p>
      )}
      <dl class="kpis">
        {KPIS.map((m) => (
          <div class="kpi">
            <dt>{CHANNEL_METRICS[m].label}</dt>
            <dd data-kpi={m}>
              <Figure metric={m} now={report.totals} before={before.totals} format={format} />
            </dd>
          </div>
        ))}
      </dl>
      <section class="card" aria-labelledby="money-h">
        <h2 id="money-h">{`Cost and return by ${choice.group_by}`}</h2>
        <ReportTable id="money-table" caption={`Cost and return by ${choice.group_by}`} columns={MONEY_COLUMNS} rows={shown} before={previous} totals={[report.totals, before.totals]} group={group} leadsLink={leadsLink} format={format} />
        <p class="muted small">
          {hidden > 0 ? `${hidden} ${hidden === 1 ? "row" : "rows"} with nothing credited and no cost hidden. ` : ""}
          <a id="zero-toggle" href={hrefOf("/dashboard/channels", { ...params, model: choice.model, zero: props.showZero ? undefined : "1" })}>
            {props.showZero ? "Hide rows with nothing credited and no cost" : "Show every row"}
          </a>
          {" · A name opens its leads (by first touch)."}
        </p>
      </section>
      <section class="card" aria-labelledby="funnel-h">
        <h2 id="funnel-h">Funnel</h2>
        <ReportTable id="funnel-table" caption={`Funnel by ${choice.group_by}`} columns={FUNNEL_COLUMNS} rows={shown} before={previous} totals={[report.totals, before.totals]} group={group} leadsLink={leadsLink} format={format} />
        <p class="muted small">Stage rates divide the conversions of the period; days run from a person's first touch (their first touch's row) to the lead and to the customer conversion, as medians.</p>
      </section>
      <section class="card" aria-labelledby="costs-h">
        <h2 id="costs-h">Import costs</h2>
        <p class="muted small">
          {`One row per day and source/medium/campaign, header `}
          <code>{COST_CSV_HEADER}</code>
          {`. A day sent again replaces its row. A row with a mistake refuses the whole file, and nothing is stored. An empty currency means ${report.currency}.`}
        </p>
        {props.costImport && props.costImport.issues.length > 0 && (
          <div class="error" role="alert" id="cost-issues">
            <strong>Nothing was imported. Fix these rows and send the file again:</strong>
            <ul class="issues">
              {props.costImport.issues.map((i) => (
                <li data-path={i.path}>
                  <code>{i.path}</code>: {i.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {admin ? (
          <form method="post" action={action("/costs")} enctype="multipart/form-data" id="cost-form">
            <label for="cost-csv">
              Paste CSV
              <textarea id="cost-csv" name="csv" rows={6} spellcheck={false} placeholder={`${COST_CSV_HEADER}\n2026-01-31,google,cpc,brand,120.50,${report.currency}`}>
                {props.costImport?.text ?? ""}
              </textarea>
            </label>
            <label for="cost-file">
              or choose a file
              <input id="cost-file" type="file" name="file" accept=".csv,text/csv" />
            </label>
            <button type="submit">Import costs</button>
          </form>
        ) : (
          <p class="muted small">A read key cannot import costs.</p>
        )}
      </section>
      <section class="card" aria-labelledby="currency-h">
        <h2 id="currency-h">Currency</h2>
        <p class="muted small">
          {`Reports are in ${report.currency}. Costs, orders and deals in another currency convert at these rates when a report is read: `}
          {rates.length ? rates.map(([code, rate]) => `1 ${code} = ${rate} ${report.currency}`).join(", ") : "none set"}.
        </p>
        {admin && (
          <form method="post" action={action("/currency")} id="currency-form">
            <label for="currency">
              Reporting currency
              <input id="currency" name="currency" required maxlength={3} value={report.currency} />
            </label>
            <label for="rates">
              {`Rates, one per line (units of the reporting currency per unit)`}
              <textarea id="rates" name="rates" rows={3} spellcheck={false} placeholder="USD 0.92">
                {rates.map(([code, rate]) => `${code} ${rate}`).join("\n")}
              </textarea>
            </label>
            <button type="submit">Save</button>
          </form>
        )}
      </section>
    </Layout>
  );
}
