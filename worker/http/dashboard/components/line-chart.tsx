// A daily time series as inline SVG: an area under the first series, lines for every series, a y axis with nice ticks.
import { areaPath, linePath, xOf } from "../chart-paths";
import { pixelOf, scaleOf } from "../chart-scale";
import { shortDayText, wholeText } from "../format";

export interface Series {
  name: string;
  values: number[];
}

const LEFT = 40;
const RIGHT = 14;
const TOP = 10;
const PLOT_W = 430;
const PLOT_H = 170;
const BOTTOM = 24;

/** About five date labels whatever the range's length, always including the last day. */
function labelIndexes(n: number): number[] {
  const step = Math.max(1, Math.ceil(n / 5));
  const out: number[] = [];
  for (let i = n - 1; i >= 0; i -= step) out.unshift(i);
  return out;
}

/** Labels at the edges hang inwards so they are not cut off. */
const anchorOf = (i: number, n: number) => (n > 1 && i === n - 1 ? "end" : n > 1 && i === 0 ? "start" : "middle");

export function LineChart(props: { id: string; title: string; description: string; days: string[]; series: Series[] }) {
  const { days, series } = props;
  const scale = scaleOf(Math.max(0, ...series.flatMap((s) => s.values)), { whole: true });
  const plot = { width: PLOT_W, height: PLOT_H, max: scale.max };
  return (
    <div>
      <ul class="legend" aria-hidden="true">
        {series.map((s, i) => (
          <li class={`k${i}`}>
            <span>{s.name}</span>
          </li>
        ))}
      </ul>
      <svg class="chart" viewBox={`0 0 ${LEFT + PLOT_W + RIGHT} ${TOP + PLOT_H + BOTTOM}`} role="img" aria-labelledby={`${props.id}-t ${props.id}-d`}>
        <title id={`${props.id}-t`}>{props.title}</title>
        <desc id={`${props.id}-d`}>{props.description}</desc>
        <g transform={`translate(${LEFT} ${TOP})`}>
          {scale.ticks.map((t) => {
            const y = PLOT_H - pixelOf(t, scale.max, PLOT_H);
            return (
              <g>
                <line class="grid" x1="0" x2={PLOT_W} y1={y} y2={y} />
                <text x="-6" y={y + 4} text-anchor="end">
                  {wholeText(t)}
                </text>
              </g>
            );
          })}
          {series[0] && <path class="area c0" d={areaPath(series[0].values, plot)} />}
          {series.map((s, i) => (
            <path class={`line c${i}`} d={linePath(s.values, plot)} />
          ))}
          <line class="axis" x1="0" x2={PLOT_W} y1={PLOT_H} y2={PLOT_H} />
          {labelIndexes(days.length).map((i) => (
            <text x={xOf(i, days.length, PLOT_W)} y={PLOT_H + 16} text-anchor={anchorOf(i, days.length)}>
              {shortDayText(days[i]!)}
            </text>
          ))}
        </g>
      </svg>
    </div>
  );
}
