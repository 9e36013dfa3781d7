// The conversion to attribute: a stage, or one of the site's custom conversion events.
import { STAGE_CONVERSIONS } from "../../../../schema/vocabulary";

const STAGE_LABELS: Record<string, string> = { lead: "Became a lead", mql: "Became an MQL", sql: "Became an SQL", customer: "Became a customer" };

export function ConversionPicker(props: { value: string; names: string[] }) {
  const custom = [...new Set([...props.names, ...(STAGE_CONVERSIONS.some((s) => s === props.value) ? [] : [props.value])])];
  return (
    <label for="f-conversion">
      Conversion
      <select id="f-conversion" name="conversion">
        <optgroup label="Stages">
          {STAGE_CONVERSIONS.map((s) => (
            <option value={s} selected={s === props.value}>
              {STAGE_LABELS[s]}
            </option>
          ))}
        </optgroup>
        {custom.length > 0 && (
          <optgroup label="Custom events">
            {custom.map((n) => (
              <option value={n} selected={n === props.value}>
                {n}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </label>
  );
}
