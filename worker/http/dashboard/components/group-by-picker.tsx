// The "Group by" choice of the reports (channel, source or campaign), inside a page's filter form.
import { GROUPING_LABELS, GROUPINGS, type GroupBy } from "../../../../schema/vocabulary";

export function GroupByPicker(props: { value: GroupBy }) {
  return (
    <label for="f-group">
      Group by
      <select id="f-group" name="group_by">
        {GROUPINGS.map((g) => (
          <option value={g} selected={g === props.value}>
            {GROUPING_LABELS[g]}
          </option>
        ))}
      </select>
    </label>
  );
}
