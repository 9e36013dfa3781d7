// The conversion to attribute: a stage reached, or one of the site's custom conversion events.
import { STAGE_CONVERSIONS, STAGE_LABELS } from "../../../../schema/vocabulary";
import { Options } from "./options";

export function ConversionPicker(props: { value: string; names: string[] }) {
  const custom = [...new Set([...props.names, ...(STAGE_CONVERSIONS.some((s) => s === props.value) ? [] : [props.value])])];
  return (
    <label for="f-conversion">
      Conversion
      <select id="f-conversion" name="conversion">
        <optgroup label="Stage reached">
          <Options items={STAGE_CONVERSIONS.map((s) => [s, STAGE_LABELS[s]] as const)} selected={props.value} />
        </optgroup>
        {custom.length > 0 && (
          <optgroup label="Custom events">
            <Options items={custom.map((n) => [n, n] as const)} selected={props.value} />
          </optgroup>
        )}
      </select>
    </label>
  );
}
