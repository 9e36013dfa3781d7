// A horizontal bar chart as inline SVG: one labelled bar per row, scaled to a nice axis maximum.
import { pixelOf, scaleOf } from "../chart-scale";

export interface Bar {
  label: string;
  value: number;
  /** the value as the page prints it */
  text: string;
}

const LABEL_W = 160;
const PLOT_W = 640;
const ROW_H = 26;
const TOP = 6;

const clip = (s: string) => (s.length > 22 ? `${s.slice(0, 21)}…` : s);

export function BarChart(props: { id: string; title: string; description: string; bars: Bar[]; whole?: boolean }) {
  const { bars } = props;
  const scale = scaleOf(Math.max(0, ...bars.map((b) => b.value)), { whole: props.whole });
  const height = TOP + bars.length * ROW_H + 22;
  const width = LABEL_W + PLOT_W + 70;
  if (bars.length === 0) return <p class="muted">No data in this range.</p>;
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${props.id}-t ${props.id}-d`}>
      <title id={`${props.id}-t`}>{props.title}</title>
      <desc id={`${props.id}-d`}>{props.description}</desc>
      {scale.ticks.map((t) => {
        const x = LABEL_W + pixelOf(t, scale.max, PLOT_W);
        return (
          <g>
            <line class="grid" x1={x} x2={x} y1={TOP} y2={height - 18} />
            <text x={x} y={height - 4} text-anchor="middle">
              {String(t)}
            </text>
          </g>
        );
      })}
      {bars.map((b, i) => {
        const y = TOP + i * ROW_H;
        const w = pixelOf(b.value, scale.max, PLOT_W);
        return (
          <g>
            <text x={LABEL_W - 8} y={y + ROW_H / 2 + 4} text-anchor="end">
              {clip(b.label)}
            </text>
            <rect class="bar c0" x={LABEL_W} y={y + 4} width={Math.max(w, b.value > 0 ? 1 : 0)} height={ROW_H - 8} rx="3" />
            <text class="value" x={LABEL_W + w + 6} y={y + ROW_H / 2 + 4}>
              {b.text}
            </text>
          </g>
        );
      })}
      <line class="axis" x1={LABEL_W} x2={LABEL_W} y1={TOP} y2={height - 18} />
    </svg>
  );
}
