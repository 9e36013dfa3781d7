// A profile's event timeline, newest first, each event in a few words.
import type { eventView } from "../../../core/profiles/view";
import { pathText as pathOf, timeText } from "../format";

type EventView = ReturnType<typeof eventView>;

const VERBS: Record<string, string> = {
  pageview: "Viewed", click: "Clicked", outbound: "Left for", download: "Downloaded", mailto: "E-mail link", tel: "Phone link",
  form: "Submitted form", track: "Event", identify: "Identified", engage: "Read",
};

/** e.g. "Viewed /demo/pricing", "Submitted form demo-request", "Read /demo (75 s, 80% scrolled)". */
export function eventText(e: EventView): string {
  const verb = VERBS[e.type] ?? e.type;
  const props = e.props as Record<string, unknown>;
  if (e.type === "engage") {
    const secs = typeof props.engaged_ms === "number" ? `${Math.round(props.engaged_ms / 1000)} s` : null;
    const scroll = typeof props.scroll === "number" ? `${props.scroll}% scrolled` : null;
    const detail = [secs, scroll].filter(Boolean).join(", ");
    return `${verb} ${pathOf(e.url)}${detail ? ` (${detail})` : ""}`;
  }
  if (e.type === "pageview") return `${verb} ${pathOf(e.url)}`;
  return `${verb} ${e.name ?? pathOf(e.url)}`;
}

/** The page title a view captured, if any (shown next to its path). */
export function titleOf(e: EventView): string | null {
  return e.type === "pageview" && typeof e.title === "string" && e.title.trim() ? e.title.trim() : null;
}

export function Timeline(props: { events: EventView[] }) {
  if (props.events.length === 0) return <p class="muted">No events kept (older ones may have passed the retention period).</p>;
  return (
    <ol class="plain" id="timeline" reversed>
      {props.events.map((e) => (
        <li data-type={e.type}>
          <span class="muted small">{timeText(e.at)}</span> {eventText(e)}
          {titleOf(e) && <span class="muted page-title"> · {titleOf(e)}</span>}
        </li>
      ))}
    </ol>
  );
}
