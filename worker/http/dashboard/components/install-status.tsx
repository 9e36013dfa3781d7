// Is the tag installed? Waiting for the first event (the page refreshes itself), receiving events, or beacons refused
// from an origin the site does not list — with the fix one click away.
import type { SiteStats } from "../../../store/stats";
import { timeText } from "../format";
import { hrefOf } from "../links";
import type { PageContext } from "../page-context";

const hostOf = (origin: string) => {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
};

export function InstallStatus(props: { ctx: PageContext; stats: SiteStats; development: boolean }) {
  const { ctx, stats } = props;
  const refused = stats.refused_origins;
  return (
    <div id="install-status">
      {stats.last_event_at === null ? (
        <p class="waiting" role="status" data-status="waiting">
          <strong>Waiting for the first event…</strong> Paste the tag into a page{" "}
          {props.development ? "(any page on localhost or 127.0.0.1 works in local development) " : `on ${ctx.site.domains.join(", ")} `}
          and open it. This page checks again every few seconds.
        </p>
      ) : (
        <p class="notice" role="status" data-status="receiving">
          <strong>Receiving events.</strong>
          {` The latest arrived ${timeText(stats.last_event_at)} UTC; ${stats.events_stored} stored in all.`}
        </p>
      )}
      {refused.map((r) => (
        <div class="warning" role="alert" data-refused-origin={r.origin}>
          <p>
            <strong>{`${r.events} ${r.events === 1 ? "event" : "events"} from ${r.origin} refused`}</strong>
            {`: this origin is not one of the site's domains (last on ${r.last_day}).`}
          </p>
          {ctx.principal.admin && hostOf(r.origin) && (
            <form method="post" action={hrefOf("/dashboard/settings/domains", { site: ctx.site.id })}>
              <input type="hidden" name="add" value={hostOf(r.origin)!} />
              <button type="submit" class="secondary">{`Add ${hostOf(r.origin)} to the domains`}</button>
            </form>
          )}
        </div>
      ))}
      {(stats.dropped.bot ?? 0) + (stats.dropped.invalid ?? 0) + (stats.dropped.rate_limited ?? 0) > 0 && (
        <p class="muted small">
          {`Also dropped: ${stats.dropped.bot ?? 0} from bots, ${stats.dropped.invalid ?? 0} invalid, ${stats.dropped.rate_limited ?? 0} over the rate limit.`}
        </p>
      )}
    </div>
  );
}
