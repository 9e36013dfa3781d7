// The <option>s of a <select>: [value, label] pairs with one selected.
export function Options(props: { items: readonly (readonly [string, string])[]; selected: string | undefined }) {
  return (
    <>
      {props.items.map(([value, label]) => (
        <option value={value} selected={value === props.selected}>
          {label}
        </option>
      ))}
    </>
  );
}
