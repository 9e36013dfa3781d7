// Sign-in: the admin token or a site's read key, posted once and kept in an httpOnly cookie.
import { Head } from "../components/layout";

export function SignInPage(props: { nonce: string; dev: boolean; next?: string; error?: string; notice?: string }) {
  return (
    <html lang="en">
      <Head title="Sign in" nonce={props.nonce} />
      <body>
        <main id="main" class="centered">
          <div class="card">
            <h1>
              Pista<span class="muted">.</span> dashboard
            </h1>
            {props.notice && (
              <p class="notice" role="status">
                {props.notice}
              </p>
            )}
            {props.error && (
              <p class="error" role="alert" id="sign-in-error">
                {props.error}
              </p>
            )}
            <form method="post" action="/dashboard/sign-in">
              <label for="token">
                Admin token or site read key
                <input
                  id="token"
                  name="token"
                  type="password"
                  autocomplete="current-password"
                  required
                  aria-invalid={props.error ? "true" : undefined}
                  aria-describedby={props.error ? "sign-in-error" : undefined}
                />
              </label>
              {props.next && <input type="hidden" name="next" value={props.next} />}
              <p>
                <button type="submit">Sign in</button>
              </p>
            </form>
            <p class="muted small">
              A site's read key shows that site, read-only.{props.dev && " Locally the admin token is dev-admin-token (see .dev.vars)."}
            </p>
          </div>
        </main>
      </body>
    </html>
  );
}
