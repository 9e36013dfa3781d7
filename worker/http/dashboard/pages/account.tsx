// One account: its numbers, its buying committee (each person's role, score, stage and last activity) with the roles
// nobody holds yet as a hint for sales, and its owner (an admin sets one of the routing's owners, or lets its people decide).
import { COMMITTEE_ROLE_LABELS, COMMITTEE_ROLES, type CommitteeRole } from "../../../../schema/vocabulary";
import type { RoutingConfig } from "../../../../schema/routing";
import type { AccountDetail } from "../../../core/accounts/view";
import { GradeBadge, WordBadge } from "../components/badges";
import { Layout } from "../components/layout";
import { Select } from "../components/options";
import { RowsTable } from "../components/rows-table";
import { timeText } from "../format";
import { hrefOf } from "../links";
import type { PageContext } from "../page-context";
import { personName } from "../people";

/** What sales should look for when nobody in the committee holds a role. */
const MISSING_HINT: Record<CommitteeRole, string> = {
  decision_maker: "No decision maker yet: find who signs — a C-level, VP, director or head of the function.",
  influencer: "No influencer yet: look for a manager, lead or architect who would evaluate and champion it.",
  user: "No user yet: the people who would use it every day are not in sight.",
};

function Committee(props: { ctx: PageContext; a: AccountDetail }) {
  const { ctx, a } = props;
  const counts = COMMITTEE_ROLES.map((r) => `${a.committee[r]} ${COMMITTEE_ROLE_LABELS[r].toLowerCase()}${a.committee[r] === 1 ? "" : "s"}`);
  return (
    <section class="card" aria-labelledby="committee-h">
      <h2 id="committee-h">Buying committee</h2>
      <p id="committee-counts">{`${counts.join(" · ")}${a.committee.unknown ? ` · ${a.committee.unknown} without a job title` : ""}`}</p>
      {a.committee.missing.length > 0 && (
        <div class="warning" id="committee-missing" role="note">
          {a.committee.missing.map((r) => (
            <p data-missing={r}>{MISSING_HINT[r]}</p>
          ))}
        </div>
      )}
      <RowsTable id="people" columns={["Person", "Job title", "Role", "#Score", "Grade", "Stage", "Owner", "Last activity (UTC)"]} count={a.people.length} empty="Nobody is in this account any more.">
        {a.people.map((p) => (
          <tr data-profile={p.id} data-role={p.role ?? ""}>
            <th scope="row">
              <a href={hrefOf(`/dashboard/profiles/${encodeURIComponent(p.id)}`, ctx.keep)}>{personName({ id: p.id, email: p.email, traits: { name: p.name } })}</a>
            </th>
            <td>{p.job_title ?? <span class="muted">–</span>}</td>
            <td>{p.role ? COMMITTEE_ROLE_LABELS[p.role] : <span class="muted">unknown</span>}</td>
            <td class="num" data-score={String(p.score)}>{String(Math.round(p.score))}</td>
            <td><GradeBadge grade={p.grade} /></td>
            <td>{p.stage}</td>
            <td>{p.owner?.name ?? <span class="muted">–</span>}</td>
            <td class="small">{timeText(p.last_seen)}</td>
          </tr>
        ))}
      </RowsTable>
      {a.people_count > a.people.length && <p class="muted small">{`The ${a.people.length} hottest of ${a.people_count} people.`}</p>}
    </section>
  );
}

function AccountOwner(props: { ctx: PageContext; a: AccountDetail; routing: RoutingConfig }) {
  const { ctx, a, routing } = props;
  const items: [string, string][] = [["", "Follow its people (the owner of its longest-owned person)"], ...routing.owners.map((o): [string, string] => [o.id, o.name])];
  return (
    <section class="card" aria-labelledby="account-owner-h">
      <h2 id="account-owner-h">Owner</h2>
      <p id="account-owner">{a.owner ? `${a.owner.name} — new people of this account go to them before the routing rules.` : "Nobody yet: its first person to get an owner gives the account theirs."}</p>
      {ctx.principal.admin && routing.owners.length > 0 && (
        <form class="filters" method="post" action={hrefOf(`/dashboard/accounts/${encodeURIComponent(a.id)}/owner`, ctx.keep)}>
          <Select id="account-owner-select" name="owner" label="Owner" items={items} selected={a.owner?.id ?? ""} />
          <button type="submit">Save owner</button>
        </form>
      )}
    </section>
  );
}

export function AccountPage(props: { ctx: PageContext; a: AccountDetail; routing: RoutingConfig; notice?: string }) {
  const { ctx, a } = props;
  return (
    <Layout ctx={ctx} title={a.name ?? a.domain} section="accounts">
      <p class="small">
        <a href={hrefOf("/dashboard/accounts", ctx.keep)}>← Accounts</a>
      </p>
      <h1>{a.name ?? a.domain}</h1>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      <p>
        <span class="badge" data-score={String(a.score)}>{`score ${Math.round(a.score)}`}</span> <GradeBadge grade={a.grade} />{" "}
        <span class="badge" data-stage={a.stage}>{a.stage}</span> {a.label && <WordBadge value={a.label} />}{" "}
        <span class="muted">{`${a.domain} · ${a.people_count} ${a.people_count === 1 ? "person" : "people"}`}</span>
      </p>
      <Committee ctx={ctx} a={a} />
      <AccountOwner ctx={ctx} a={a} routing={props.routing} />
    </Layout>
  );
}
