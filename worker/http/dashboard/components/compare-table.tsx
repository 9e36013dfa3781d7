// Every model's credits side by side, one row per channel/source/campaign.
import type { Model } from "../../../core/attribution";
import { MODEL_LABELS } from "../../../../schema/vocabulary";
import type { AttributionReport } from "../../../services/attribution";
import { compareRows } from "../attribution-report";
import { creditText } from "../format";

export function CompareTable(props: { reports: AttributionReport[]; chosen: Model; groupLabel: string }) {
  const rows = compareRows(props.reports, props.chosen);
  return (
    <div class="scroll">
      <table id="compare">
        <thead>
          <tr>
            <th scope="col">{props.groupLabel}</th>
            {props.reports.map((r) => (
              <th scope="col" class={r.model === props.chosen ? "num chosen" : "num"} aria-current={r.model === props.chosen ? "true" : undefined}>
                {MODEL_LABELS[r.model]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <th scope="row">{row.key}</th>
              {props.reports.map((r) => (
                <td class={r.model === props.chosen ? "num chosen" : "num"} data-model={r.model} data-conversions={String(row.credits[r.model] ?? 0)}>
                  {creditText(row.credits[r.model] ?? 0)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
