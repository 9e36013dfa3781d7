// One profile's story: who they are, why they score what they score, their journey and timeline; admin actions.
import { STAGES } from "../../../../schema/vocabulary";
import type { ProfileJourney } from "../../../services/overview";
import type { eventView, ProfileView } from "../../../core/profiles/view";
import { GradeBadge, QualityBadge, WordBadge } from "../components/badges";
import { JourneyTable } from "../components/journey-table";
import { Layout } from "../components/layout";
import { ScoreScale, ScoreStory } from "../components/score-story";
import { Timeline } from "../components/timeline";
import { VerdictCard, type VerdictInput } from "../components/verdict";
import type { Issue } from "../../../errors";
import { timeText, wordsOf } from "../format";
import { hrefOf } from "../links";
import type { PageContext } from "../page-context";
import { personName } from "../people";
import type { RoutingConfig } from "../../../../schema/routing";
import { OwnerCard } from "../components/owners";

export interface ProfileData {
  p: ProfileView;
  journey: ProfileJourney;
  events: ReturnType<typeof eventView>[];
  olderCursor: string | null;
  notice?: string;
  /** the site's routing: its owners, for the owner card */
  routing?: RoutingConfig;
  /** the verdict form as sent, when it came back refused */
  verdict?: { input: VerdictInput; issues: Issue[] };
}

const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

function Facts(props: { p: ProfileView }) {
  const { p } = props;
  const rows: [string, string][] = [
    ...Object.entries(p.traits).map(([k, v]): [string, string] => [wordsOf(k), show(v)]),
    ["first seen", timeText(p.first_seen)],
    ["last seen", timeText(p.last_seen)],
    ["sessions · page views · forms", `${p.counts.sessions} · ${p.counts.pageviews} · ${p.counts.forms}`],
    ["device", [p.device.browser, p.device.os, p.device.type].filter(Boolean).join(", ")],
    ["location", [p.geo.city, p.geo.region, p.geo.country].filter(Boolean).join(", ")],
  ];
  return (
    <dl class="facts">
      {rows.filter(([, v]) => v !== "").map(([k, v]) => [<dt>{k}</dt>, <dd>{v}</dd>])}
    </dl>
  );
}

/**
 * What this browser claimed and was not believed: an identity another profile holds (a link to that profile: the same
 * person on a new device, or someone typing another's e-mail), and trait values a stronger source had said otherwise.
 */
function Claims(props: { ctx: PageContext; p: ProfileView }) {
  if (props.p.claims.length === 0) return null;
  return (
    <section class="card" aria-labelledby="claims-h" id="claims">
      <h2 id="claims-h">Unverified claims</h2>
      <p class="muted small">
        Kept, not applied: a browser's word cannot attach it to a known person or overwrite what a signed identify, a server or the CRM said (
        <a href="/docs/IDENTITY.md">how identity is verified</a>).
      </p>
      <ul>
        {props.p.claims.map((c) => (
          <li data-claim={c.identity ? "identity" : "traits"}>
            {`${timeText(c.at)} · ${c.source}: `}
            {c.identity ? (
              <>
                {`claimed ${c.identity.identifiers.map((i) => `${i.kind} ${i.value}`).join(", ")}, held by `}
                <a href={hrefOf(`/dashboard/profiles/${encodeURIComponent(c.identity.profile)}`, props.ctx.keep)}>{c.identity.profile}</a>
                {" — possibly the same person on a new device; nothing was linked"}
              </>
            ) : (
              `said ${Object.entries(c.traits ?? {}).map(([k, v]) => `${wordsOf(k)} = ${show(v)}`).join(", ")}; a stronger source said otherwise`
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function AdminActions(props: { ctx: PageContext; p: ProfileView }) {
  const base = `/dashboard/profiles/${encodeURIComponent(props.p.id)}`;
  return (
    <section class="card" aria-labelledby="actions-h">
      <h2 id="actions-h">Actions</h2>
      <form class="filters" method="post" action={hrefOf(`${base}/stage`, props.ctx.keep)}>
        <label for="stage">
          Stage
          <select id="stage" name="stage">
            {STAGES.map((s) => (
              <option value={s} selected={s === props.p.stage}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Change stage</button>
      </form>
      <p>
        <a class="button secondary" href={hrefOf(`${base}/erase`, props.ctx.keep)}>
          Erase this person…
        </a>
      </p>
    </section>
  );
}

export function ProfilePage(props: { ctx: PageContext; data: ProfileData }) {
  const { ctx } = props;
  const { p } = props.data;
  return (
    <Layout ctx={ctx} title={personName(p)} section="profile">
      <p class="small">
        <a href={hrefOf("/dashboard/leads", ctx.keep)}>← Leads</a>
      </p>
      <h1>{personName(p)}</h1>
      {props.data.notice && (
        <p class="notice" role="status">
          {props.data.notice}
        </p>
      )}
      <p>
        <span class="badge" data-score={String(p.score)}>{`score ${Math.round(p.score)}`}</span> <GradeBadge grade={p.grade} /> <span class="badge" data-stage={p.stage}>{p.stage}</span>{" "}
        <WordBadge value={p.label} /> <QualityBadge quality={p.quality} /> {p.email && <span class="muted">{p.email}</span>}
        {p.marketing_refused && (
          <>
            {" "}
            <span class="badge" data-refused={p.marketing_refused.signal} title={`Refused marketing (${p.marketing_refused.signal}) on ${timeText(p.marketing_refused.at)}: never sent to an ad platform`}>
              refused marketing
            </span>
          </>
        )}
      </p>
      <ScoreScale p={p} config={ctx.site.scoring} />
      {p.account && (
        <p id="profile-account">
          {"Account: "}
          <a href={hrefOf(`/dashboard/accounts/${encodeURIComponent(p.account.id)}`, ctx.keep)}>{p.account.name ?? p.account.domain}</a>
          {p.account.name && <span class="muted">{` (${p.account.domain})`}</span>}
        </p>
      )}
      <div class="grid">
        <section class="card" aria-labelledby="why-h">
          <h2 id="why-h">Why this score</h2>
          <ScoreStory p={p} />
        </section>
        <section class="card" aria-labelledby="facts-h">
          <h2 id="facts-h">What we know</h2>
          <Facts p={p} />
        </section>
      </div>
      <Claims ctx={ctx} p={p} />
      {props.data.routing && <OwnerCard ctx={ctx} p={p} routing={props.data.routing} />}
      <VerdictCard ctx={ctx} p={p} sent={props.data.verdict} />
      <section class="card" aria-labelledby="journey-h">
        <h2 id="journey-h">Journey</h2>
        <JourneyTable ctx={ctx} p={p} journey={props.data.journey} />
      </section>
      <section class="card" aria-labelledby="timeline-h">
        <h2 id="timeline-h">Timeline</h2>
        <Timeline events={props.data.events} />
        {props.data.olderCursor && (
          <p class="pager">
            <a href={hrefOf(`/dashboard/profiles/${encodeURIComponent(p.id)}`, { ...ctx.keep, before: props.data.olderCursor })}>Older events →</a>
          </p>
        )}
      </section>
      {ctx.principal.admin && <AdminActions ctx={ctx} p={p} />}
    </Layout>
  );
}
