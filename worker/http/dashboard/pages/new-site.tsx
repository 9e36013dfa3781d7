// A new site: its name, id and domains. The next page shows its tag and keys (once) and waits for its first event.
import { Head } from "../components/layout";

export function NewSitePage(props: { nonce: string; error?: string; issues?: { path: string; message: string }[]; values?: Record<string, string>; hasSites: boolean }) {
  const v = props.values ?? {};
  return (
    <html lang="en">
      <Head title="New site" nonce={props.nonce} />
      <body>
        <main id="main" class="home">
          <h1>{props.hasSites ? "Add a site" : "Add your first site"}</h1>
          <p class="muted">A site is one website (or a group of them) whose visitors Pista tracks. You get its tag on the next page.</p>
          {props.error && <p class="error" role="alert">{props.error}</p>}
          {props.issues && props.issues.length > 0 && (
            <ul class="issues" role="alert">
              {props.issues.map((i) => <li><code>{i.path || "(form)"}</code>: {i.message}</li>)}
            </ul>
          )}
          <form method="post" action="/dashboard/sites/new" class="card">
            <label for="ns-name">Name<input id="ns-name" name="name" required maxlength={200} value={v.name ?? ""} placeholder="Acme website" /></label>
            <label for="ns-id">
              Id <span class="muted small">(optional: letters, digits, - and _; it goes into the tag)</span>
              <input id="ns-id" name="id" maxlength={64} value={v.id ?? ""} placeholder="acme" />
            </label>
            <label for="ns-domains">
              Domains <span class="muted small">(one per line; example.com covers www.example.com and every subdomain)</span>
              <textarea id="ns-domains" name="domains" rows={3} required placeholder="acme.com">{v.domains ?? ""}</textarea>
            </label>
            <p>
              <button type="submit">Create the site</button>
              {props.hasSites && <> <a href="/dashboard/settings">Cancel</a></>}
            </p>
          </form>
        </main>
      </body>
    </html>
  );
}
