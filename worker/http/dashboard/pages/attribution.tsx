// Attribution: credits by channel, source or campaign under the chosen model, every model side by side, CSV download.
import { GROUPING_LABELS, MODEL_LABELS } from "../../../../schema/vocabulary";
import type { AttributionReport } from "../../../services/attribution";
import type { AttributionChoice } from "../attribution-report";
import { BarChart } from "../components/bar-chart";
import { CompareTable } from "../components/compare-table";
import { ConversionPicker } from "../components/conversion-picker";
import { FilterBar } from "../components/filter-bar";
import { GroupByPicker } from "../components/group-by-picker";
import { Layout } from "../components/layout";
import { ModelTabs } from "../components/model-tabs";
import { creditText, shareText } from "../format";
import { hrefOf } from "../links";
import type { PageContext } from "../page-context";

export function AttributionPage(props: { ctx: PageContext; choice: AttributionChoice; reports: AttributionReport[]; names: string[] }) {
  const { ctx, choice } = props;
  const report = props.reports.find((r) => r.model === choice.model)!;
  const params = { ...ctx.keep, group_by: choice.group_by, conversion: choice.conversion };
  const group = GROUPING_LABELS[choice.group_by];
  // Stage conversions carry no value; a value column of zeros would only be noise.
  const withValue = report.total_value !== 0;
  return (
    <Layout ctx={ctx} title="Attribution" section="attribution">
      <h1>{`Attribution · ${ctx.site.name}`}</h1>
      <FilterBar ctx={ctx} hidden={{ model: choice.model }}>
        <GroupByPicker value={choice.group_by} />
        <ConversionPicker value={choice.conversion} names={props.names} />
      </FilterBar>
      <ModelTabs current={choice.model} params={params} />
      <section class="card" aria-labelledby="credits-h">
        <h2 id="credits-h">{`${MODEL_LABELS[choice.model]}: ${choice.conversion} conversions by ${choice.group_by}`}</h2>
        <p class="muted">
          <span data-total={String(report.total_conversions)}>{`${report.total_conversions} conversions`}</span>
          {` from ${ctx.range.from} to ${ctx.range.to}; credits add up to the total. `}
          <a href={hrefOf("/dashboard/attribution.csv", { ...params, model: choice.model, from: ctx.range.from, to: ctx.range.to })} download>
            Download CSV
          </a>
        </p>
        <BarChart
          id="credits"
          title={`${group} credit under ${MODEL_LABELS[choice.model]}`}
          description={`Conversions credited to each ${choice.group_by} by the ${MODEL_LABELS[choice.model]} model.`}
          bars={report.rows.slice(0, 12).map((r) => ({ label: r.key, value: r.conversions, text: creditText(r.conversions) }))}
        />
        <div class="scroll">
          <table id="credits-table">
            <thead>
              <tr>
                <th scope="col">{group}</th>
                <th scope="col" class="num">Conversions credited</th>
                <th scope="col" class="num">Share</th>
                {withValue && <th scope="col" class="num">Value</th>}
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr data-key={r.key}>
                  <th scope="row">{r.key}</th>
                  <td class="num" data-conversions={String(r.conversions)}>{creditText(r.conversions)}</td>
                  <td class="num">{shareText(r.conversions, report.total_conversions)}</td>
                  {withValue && <td class="num" data-value={String(r.value)}>{creditText(r.value)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="card" aria-labelledby="compare-h">
        <h2 id="compare-h">All models side by side</h2>
        <CompareTable reports={props.reports} chosen={choice.model} groupLabel={group} />
      </section>
    </Layout>
  );
}
