// Who works a lead, on the dashboard: the leads list's owner filter (an owner's leads, unassigned, overdue) and column,
// and the profile page's owner card with the assign / clear form.
import { NO_OWNER, type RoutingConfig, type RoutingOwner } from "../../../../schema/routing";
import type { ProfileView } from "../../../core/profiles/view";
import { isOverdue } from "../../../core/routing/follow-up";
import { timeText } from "../format";
import { hrefOf } from "../links";
import type { PageContext } from "../page-context";
import { Select } from "./options";

const ms = (iso: string | null) => (iso === null ? null : Date.parse(iso));

/** Past the routing's follow-up window and not worked (the same test the overdue filter makes). */
function overdue(p: ProfileView, routing: RoutingConfig, now: number): boolean {
  return isOverdue({ ...p, assigned_at: ms(p.assigned_at), contacted_at: ms(p.contacted_at) }, routing.follow_up?.within_minutes, now);
}

export function OwnerFilter(props: { owners: RoutingOwner[]; owner: string | undefined; overdue: boolean }) {
  const items: [string, string][] = [["", "Anyone"], [NO_OWNER, "Unassigned"], ...props.owners.map((o): [string, string] => [o.id, o.name])];
  return (
    <>
      <Select id="f-owner" name="owner" label="Owner" items={items} selected={props.owner ?? ""} />
      <label for="f-overdue" class="check">
        <span>
          <input id="f-overdue" name="overdue" type="checkbox" value="true" checked={props.overdue} /> Overdue only
        </span>
      </label>
    </>
  );
}

export function OwnerCell(props: { p: ProfileView; routing: RoutingConfig; now: number }) {
  const { p } = props;
  if (!p.owner) return <td class="muted" data-owner="">–</td>;
  return (
    <td data-owner={p.owner.id}>
      {p.owner.name} {overdue(p, props.routing, props.now) && <span class="badge q-junk" data-overdue="true">overdue</span>}
    </td>
  );
}

/** The lead's owner, since when, whether it was contacted; an admin assigns another owner of the routing or clears it. */
export function OwnerCard(props: { ctx: PageContext; p: ProfileView; routing: RoutingConfig }) {
  const { ctx, p, routing } = props;
  const late = overdue(p, routing, ctx.app.now);
  const facts: [string, string][] = [
    ["owner", p.owner ? `${p.owner.name} (${p.owner.id})` : "nobody yet"],
    ["assigned", p.assigned_at ? timeText(p.assigned_at) : ""],
    ["contacted", p.contacted_at ? timeText(p.contacted_at) : p.owner ? "not yet" : ""],
  ];
  const items: [string, string][] = [["", "Nobody (clear)"], ...routing.owners.map((o): [string, string] => [o.id, o.name])];
  return (
    <section class="card" aria-labelledby="owner-h">
      <h2 id="owner-h">Owner</h2>
      {late && <p class="warning" role="status">{`Overdue: not contacted within ${routing.follow_up!.within_minutes} minutes of assignment.`}</p>}
      <dl class="facts" id="owner-facts">
        {facts.filter(([, v]) => v !== "").map(([k, v]) => [<dt>{k}</dt>, <dd>{v}</dd>])}
      </dl>
      {ctx.principal.admin && routing.owners.length > 0 && (
        <form class="filters" method="post" action={hrefOf(`/dashboard/profiles/${encodeURIComponent(p.id)}/owner`, ctx.keep)}>
          <Select id="owner" name="owner" label="Assign to" items={items} selected={p.owner?.id ?? ""} />
          <button type="submit">Save owner</button>
        </form>
      )}
      {routing.owners.length === 0 && (
        <p class="muted small">
          No owners yet: <a href={hrefOf("/dashboard/settings/routing", { site: ctx.site.id })}>set up routing</a>.
        </p>
      )}
    </section>
  );
}
