// A chart's numbers as a table, folded away under the chart for screen readers and anyone who wants exact values.
import { wholeText } from "../format";
import type { Series } from "./line-chart";

export function SeriesTable(props: { caption: string; days: string[]; series: Series[] }) {
  return (
    <details>
      <summary>{`${props.caption} as a table`}</summary>
      <div class="scroll">
        <table>
          <caption class="muted small">{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {props.series.map((s) => (
                <th scope="col" class="num">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.days.map((d, i) => (
              <tr>
                <th scope="row">{d}</th>
                {props.series.map((s) => (
                  <td class="num">{wholeText(s.values[i] ?? 0)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
