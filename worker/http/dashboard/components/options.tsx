// The <option>s of a <select>: [value, label] pairs with one selected; and a labelled <select> of them.
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

export function Select(props: { id: string; name: string; label: string; items: readonly (readonly [string, string])[]; selected: string | undefined }) {
  return (
    <label for={props.id}>
      {props.label}
      <select id={props.id} name={props.name}>
        <Options items={props.items} selected={props.selected} />
      </select>
    </label>
  );
}
