// The confirm step before erasing a person: says exactly what goes, and needs a second, deliberate POST.
import { Layout } from "../components/layout";
import { hrefOf } from "../links";
import type { PageContext } from "../page-context";

export function EraseConfirmPage(props: { ctx: PageContext; id: string; name: string }) {
  const base = `/dashboard/profiles/${encodeURIComponent(props.id)}`;
  return (
    <Layout ctx={props.ctx} title="Erase a person" section="profile">
      <h1>{`Erase ${props.name}?`}</h1>
      <section class="card">
        <p>
          This deletes the profile, its events, sessions, conversions and identifiers, for good. Connected CRMs receive a
          <code> profile.deleted </code>webhook. It cannot be undone.
        </p>
        <form method="post" action={hrefOf(`${base}/erase`, props.ctx.keep)}>
          <label for="confirm">
            Type ERASE to confirm
            <input id="confirm" name="confirm" required pattern="ERASE" autocomplete="off" />
          </label>
          <p>
            <button type="submit" class="danger">
              Erase permanently
            </button>{" "}
            <a href={hrefOf(base, props.ctx.keep)}>Cancel</a>
          </p>
        </form>
      </section>
    </Layout>
  );
}
