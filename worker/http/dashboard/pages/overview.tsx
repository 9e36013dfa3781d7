// Overview: visitors, sessions, leads and MQLs over the range (totals and daily charts) and the top channels.
import type { Overview } from "../../../store/overview";
import { BarChart } from "../components/bar-chart";
import { FilterBar } from "../components/filter-bar";
import { Layout } from "../components/layout";
import { LineChart } from "../components/line-chart";
import { SeriesTable } from "../components/series-table";
import { seriesOf, sumOf } from "../daily-series";
import { shareText, wholeText } from "../format";
import type { PageContext } from "../page-context";

export function OverviewPage(props: { ctx: PageContext; data: Overview }) {
  const { ctx, data } = props;
  const days = ctx.range.days;
  const traffic = [
    { name: "Visitors", values: seriesOf(days, data.visitors) },
    { name: "Sessions", values: seriesOf(days, data.sessions) },
  ];
  const conversions = [
    { name: "Leads", values: seriesOf(days, data.leads) },
    { name: "MQLs", values: seriesOf(days, data.mqls) },
  ];
  const totals: [string, string, number][] = [
    ["visitors", "Visitors", data.totalVisitors],
    ["sessions", "Sessions", sumOf(traffic[1]!.values)],
    ["leads", "Leads", sumOf(conversions[0]!.values)],
    ["mqls", "MQLs", sumOf(conversions[1]!.values)],
  ];
  const span = `${ctx.range.from} to ${ctx.range.to}`;
  return (
    <Layout ctx={ctx} title="Overview" section="overview">
      <h1>{`Overview · ${ctx.site.name}`}</h1>
      <FilterBar ctx={ctx} />
      <dl class="kpis">
        {totals.map(([key, label, n]) => (
          <div class="kpi">
            <dt>{label}</dt>
            <dd data-kpi={key}>{wholeText(n)}</dd>
          </div>
        ))}
        <div class="kpi">
          <dt>Visitor → lead</dt>
          <dd data-kpi="lead_rate">{shareText(totals[2]![2], data.totalVisitors)}</dd>
        </div>
      </dl>
      <div class="grid">
        <section class="card" aria-labelledby="traffic-h">
          <h2 id="traffic-h">Traffic per day</h2>
          <LineChart id="traffic" title="Visitors and sessions per day" description={`Daily visitors and sessions, ${span}.`} days={days} series={traffic} />
          <SeriesTable caption="Visitors and sessions per day" days={days} series={traffic} />
        </section>
        <section class="card" aria-labelledby="conv-h">
          <h2 id="conv-h">Leads and MQLs per day</h2>
          <LineChart id="conversions" title="Leads and MQLs per day" description={`New leads and MQLs per day, ${span}.`} days={days} series={conversions} />
          <SeriesTable caption="Leads and MQLs per day" days={days} series={conversions} />
        </section>
      </div>
      <section class="card" aria-labelledby="channels-h">
        <h2 id="channels-h">Top channels by sessions</h2>
        <BarChart
          id="channels"
          title="Sessions by channel"
          description={`Sessions started per marketing channel, ${span}.`}
          whole
          bars={data.channels.slice(0, 10).map((r) => ({ label: r.channel, value: r.sessions, text: wholeText(r.sessions) }))}
        />
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Channel</th>
                <th scope="col" class="num">Sessions</th>
                <th scope="col" class="num">Visitors</th>
                <th scope="col" class="num">Share of sessions</th>
              </tr>
            </thead>
            <tbody>
              {data.channels.map((r) => (
                <tr>
                  <th scope="row">{r.channel}</th>
                  <td class="num">{wholeText(r.sessions)}</td>
                  <td class="num">{wholeText(r.visitors)}</td>
                  <td class="num">{shareText(r.sessions, totals[1]![2])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </Layout>
  );
}
