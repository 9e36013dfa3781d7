// A card's table of rows: a header row from column names ("#" before a name right-aligns a number column), or a line
// saying there is nothing when there are no rows.
import type { Child } from "hono/jsx";

export function RowsTable(props: { id: string; columns: string[]; count: number; empty: string; children?: Child }) {
  if (props.count === 0) return <p class="muted">{props.empty}</p>;
  return (
    <div class="scroll">
      <table id={props.id}>
        <thead>
          <tr>
            {props.columns.map((c) => (c.startsWith("#") ? <th scope="col" class="num">{c.slice(1)}</th> : <th scope="col">{c}</th>))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}
