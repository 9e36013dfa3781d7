// What a custom event is worth: its `value`, else Segment's `revenue`, else `total` (numbers, or numeric text as
// e-commerce tags often send); and, when it names a currency, that it is revenue in that currency (docs/MONEY.md).

const NUMERIC = /^\s*-?\d+(\.\d+)?\s*$/;

function amountOf(x: unknown): number | null {
  if (typeof x === "number") return Number.isFinite(x) ? x : null;
  return typeof x === "string" && NUMERIC.test(x) ? Number(x) : null;
}

/** The conversion value of an event's properties (0 when none is given). */
export function eventValue(props: Readonly<Record<string, unknown>>): number {
  return amountOf(props.value) ?? amountOf(props.revenue) ?? amountOf(props.total) ?? 0;
}

/** The ISO 4217 code of an event that carries an amount and a currency (Segment's Order Completed and the like), else null. */
export function eventCurrency(props: Readonly<Record<string, unknown>>): string | null {
  const code = typeof props.currency === "string" ? props.currency.trim().toUpperCase() : "";
  if (!/^[A-Z]{3}$/.test(code)) return null;
  return [props.value, props.revenue, props.total].some((x) => amountOf(x) !== null) ? code : null;
}
