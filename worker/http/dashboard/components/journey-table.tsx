// A profile's journey: every session start with its channel and source, oldest first.
import type { TouchRow } from "../../../store/overview";
import { pathText, timeText } from "../format";

const sourceText = (t: TouchRow) => [t.source, t.medium].filter(Boolean).join(" / ");

export function JourneyTable(props: { touches: TouchRow[] }) {
  if (props.touches.length === 0) return <p class="muted">No session recorded.</p>;
  return (
    <div class="scroll">
      <table id="journey">
        <thead>
          <tr>
            <th scope="col">Started (UTC)</th>
            <th scope="col">Channel</th>
            <th scope="col">Source / medium</th>
            <th scope="col">Campaign</th>
            <th scope="col">Landing page</th>
          </tr>
        </thead>
        <tbody>
          {props.touches.map((t) => (
            <tr>
              <th scope="row">{timeText(t.at)}</th>
              <td>{t.channel}</td>
              <td>
                {sourceText(t)}
                {t.click_id && <span class="badge">{t.click_id}</span>}
              </td>
              <td>{t.campaign ?? ""}</td>
              <td class="small">{pathText(t.landing_page)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
