// The site picker and date range: a GET form to the current page, so it works without JavaScript.
import type { Child } from "hono/jsx";
import type { PageContext } from "../page-context";

export function FilterBar(props: { ctx: PageContext; hidden?: Record<string, string | undefined>; range?: boolean; children?: Child }) {
  const { ctx } = props;
  const showRange = props.range !== false;
  return (
    <form class="filters" method="get" action={ctx.path} aria-label="Site and date range">
      <label for="f-site">
        Site
        <select id="f-site" name="site">
          {ctx.sites.map((s) => (
            <option value={s.id} selected={s.id === ctx.site.id}>
              {s.name.includes(s.id) ? s.name : `${s.name} (${s.id})`}
            </option>
          ))}
        </select>
      </label>
      {showRange && (
        <label for="f-from">
          From
          <input id="f-from" type="date" name="from" value={ctx.range.from} max={ctx.range.to} />
        </label>
      )}
      {showRange && (
        <label for="f-to">
          To
          <input id="f-to" type="date" name="to" value={ctx.range.to} />
        </label>
      )}
      {props.children}
      {Object.entries(props.hidden ?? {}).map(([k, v]) => (v ? <input type="hidden" name={k} value={v} /> : null))}
      <button type="submit">Apply</button>
    </form>
  );
}
